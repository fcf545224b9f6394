package dev.kiln.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiteralAutomatonTest {

    @Test
    void findsOverlappingAndNestedLiterals() {
        LiteralAutomaton a = new LiteralAutomaton(List.of("aa", "aaa", "ab", "bab", "b", "loss=", "ss="));
        assertEquals(0b0000001L, a.scan("xaax"));
        assertEquals(0b0000011L, a.scan("aaa"));
        assertEquals(0b0011100L, a.scan("bab"));
        assertEquals(0b1100000L, a.scan("val_loss=1"));
        assertEquals(0b1000000L, a.scan("boss=") & 0b1100000L);
        assertEquals(0L, a.scan(""));
    }

    @Test
    void handlesNonAsciiAndSurrogatesLikeContains() {
        List<String> literals = List.of("é=", "🚀", "日本", "\uD83D");
        LiteralAutomaton a = new LiteralAutomaton(literals);
        assertEquals(bits(literals, "x🚀 日本語 é=1"), a.scan("x🚀 日本語 é=1"));
        assertEquals(0b1010L, a.scan("🚀"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void agreesWithContainsOnRandomText(long seed) {
        Random r = new Random(seed);
        String alphabet = "ab=: é🚀\t";
        for (int round = 0; round < 50; round++) {
            List<String> literals = new ArrayList<>();
            int count = 1 + r.nextInt(LiteralAutomaton.MAX_LITERALS);
            while (literals.size() < count) {
                literals.add(random(r, alphabet, 1 + r.nextInt(6)));
            }
            LiteralAutomaton a = new LiteralAutomaton(literals);
            for (int t = 0; t < 200; t++) {
                String text = random(r, alphabet + "xyz", r.nextInt(40));
                assertEquals(bits(literals, text), a.scan(text), () -> literals + " in " + text);
            }
        }
    }

    @Test
    void foldsAsciiCaseWhenAsked() {
        LiteralAutomaton a = new LiteralAutomaton(List.of("loss: ", "kelvin", "é"), true);
        assertEquals(0b011L, a.scan("Train LOSS: 1 KeLvIn"));
        assertEquals(0L, a.scan("\u212Aelvin É"));
    }

    @Test
    void rejectsNoneTooManyOrEmptyLiterals() {
        assertThrows(IllegalArgumentException.class, () -> new LiteralAutomaton(List.of()));
        assertThrows(IllegalArgumentException.class, () -> new LiteralAutomaton(List.of("")));
        List<String> tooMany = new ArrayList<>();
        for (int k = 0; k <= LiteralAutomaton.MAX_LITERALS; k++) {
            tooMany.add("m" + k);
        }
        assertThrows(IllegalArgumentException.class, () -> new LiteralAutomaton(tooMany));
    }

    private static long bits(List<String> literals, String text) {
        long bits = 0;
        for (int k = 0; k < literals.size(); k++) {
            if (text.contains(literals.get(k))) {
                bits |= 1L << k;
            }
        }
        return bits;
    }

    /** Random text from the alphabet's code points, so surrogate pairs stay whole (as in real lines). */
    private static String random(Random r, String alphabet, int length) {
        int[] cps = alphabet.codePoints().toArray();
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < length; k++) {
            b.appendCodePoint(cps[r.nextInt(cps.length)]);
        }
        return b.toString();
    }
}
