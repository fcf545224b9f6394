package dev.kiln.runtime.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Answers, for one line at a time, which of a fixed set of {@link Needle}s the line contains.
 * Few needles are searched one by one, on demand; from a threshold on they are found together in
 * one pass by a {@link LiteralAutomaton}, which is then cheaper than reading the line once per
 * needle. Case-sensitive
 * and case-insensitive needles form separate groups; neither copies the line.
 */
final class NeedleSet {
    /*
     * Measured on the benchmark's log (lines of about 100 chars): String.contains costs about
     * 12 ns per needle, a case-insensitive search about 35 ns, one automaton pass about 200 ns
     * whatever the number of needles.
     */
    static final int SENSITIVE_AUTOMATON_THRESHOLD = 16;
    static final int INSENSITIVE_AUTOMATON_THRESHOLD = 6;

    private final Needle[] needles;
    /** Per needle: its bit in its group's automaton, or -1 when searched alone. */
    private final int[] bit;
    private final LiteralAutomaton sensitive;
    private final LiteralAutomaton insensitive;

    NeedleSet(List<Needle> distinct) {
        this.needles = distinct.toArray(Needle[]::new);
        this.bit = new int[needles.length];
        Arrays.fill(bit, -1);
        this.sensitive = automaton(false);
        this.insensitive = automaton(true);
    }

    private LiteralAutomaton automaton(boolean ignoreCase) {
        List<String> texts = new ArrayList<>();
        List<Integer> members = new ArrayList<>();
        for (int k = 0; k < needles.length && texts.size() < LiteralAutomaton.MAX_LITERALS; k++) {
            if (needles[k].ignoreCase() == ignoreCase) {
                texts.add(needles[k].text());
                members.add(k);
            }
        }
        if (texts.size() < (ignoreCase ? INSENSITIVE_AUTOMATON_THRESHOLD : SENSITIVE_AUTOMATON_THRESHOLD)) {
            return null;
        }
        for (int b = 0; b < members.size(); b++) {
            bit[members.get(b)] = b;
        }
        return new LiteralAutomaton(texts, ignoreCase);
    }

    Probe newProbe() {
        return new Probe();
    }

    /** One thread's view of the current line; each search runs at most once per line. */
    final class Probe {
        private final byte[] known = new byte[needles.length]; // 0 unknown, 1 present, 2 absent
        private String line;
        private long sensitiveBits;
        private long insensitiveBits;
        private boolean sensitiveScanned;
        private boolean insensitiveScanned;

        void reset(String newLine) {
            line = newLine;
            sensitiveScanned = false;
            insensitiveScanned = false;
            Arrays.fill(known, (byte) 0);
        }

        boolean contains(int needle) {
            byte k = known[needle];
            if (k == 0) {
                k = search(needle) ? (byte) 1 : (byte) 2;
                known[needle] = k;
            }
            return k == 1;
        }

        private boolean search(int needle) {
            Needle n = needles[needle];
            if (bit[needle] < 0) {
                return n.isIn(line);
            }
            if (n.ignoreCase()) {
                if (!insensitiveScanned) {
                    insensitiveBits = insensitive.scan(line);
                    insensitiveScanned = true;
                }
                return (insensitiveBits & (1L << bit[needle])) != 0;
            }
            if (!sensitiveScanned) {
                sensitiveBits = sensitive.scan(line);
                sensitiveScanned = true;
            }
            return (sensitiveBits & (1L << bit[needle])) != 0;
        }
    }
}
