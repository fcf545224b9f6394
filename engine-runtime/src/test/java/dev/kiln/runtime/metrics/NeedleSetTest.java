package dev.kiln.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every search path (per-needle and automaton, either case mode) must agree with {@link Needle#foundIn}. */
class NeedleSetTest {
    private static final String ALPHABET = "aAbBkK=: -é🚀\u212A";

    @Test
    void caseInsensitiveSearchFoldsAsciiOnly() {
        assertTrue(Needle.containsIgnoringAsciiCase("Epoch 3 - ACCURACY: 0.5", " - accuracy: "));
        assertTrue(Needle.containsIgnoringAsciiCase("xxAb", "ab"));
        assertFalse(Needle.containsIgnoringAsciiCase("\u212Aelvin", "kelvin"));
        assertFalse(Needle.containsIgnoringAsciiCase("ab", "abc"));
        assertEquals("train loss: é", Needle.asciiLowerCase("TRAIN Loss: é"));
    }

    @ParameterizedTest(name = "{0} needles")
    @ValueSource(ints = {1, 3, 5, 6, 15, 16, 40, 70})
    void everyPathAgreesWithThePlainCheck(int count) {
        Random r = new Random(count);
        List<Needle> needles = new ArrayList<>();
        while (needles.size() < count) {
            boolean ignoreCase = r.nextBoolean();
            String text = random(r, 1 + r.nextInt(4));
            Needle n = new Needle(ignoreCase ? Needle.asciiLowerCase(text) : text, ignoreCase);
            if (!needles.contains(n)) {
                needles.add(n);
            }
        }
        NeedleSet set = new NeedleSet(needles);
        NeedleSet.Probe probe = set.newProbe();
        for (int t = 0; t < 3000; t++) {
            String line = random(r, r.nextInt(30));
            probe.reset(line);
            // Ask in a random order, some twice, as the scraper does with shared needles.
            for (int q = 0; q < count + 5; q++) {
                int k = r.nextInt(count);
                Needle n = needles.get(k);
                assertEquals(n.foundIn(line), probe.contains(k), () -> n + " in «" + line + "»");
                assertEquals(n.foundIn(line), n.isIn(line));
            }
        }
    }

    private static String random(Random r, int length) {
        int[] cps = ALPHABET.codePoints().toArray();
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < length; k++) {
            b.appendCodePoint(cps[r.nextInt(cps.length)]);
        }
        return b.toString();
    }
}
