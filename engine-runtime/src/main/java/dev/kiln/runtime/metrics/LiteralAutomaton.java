package dev.kiln.runtime.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds which of up to 64 literals a text contains in one pass over the text (Aho-Corasick, as a
 * full transition table), where checking them one by one would read the text once per literal.
 * Works on UTF-16 chars, exactly like {@link String#contains}; optionally ignores ASCII case, for
 * literals given in lower case.
 */
final class LiteralAutomaton {
    static final int MAX_LITERALS = 64;

    private final int[] asciiClass = new int[128];
    /** Non-ASCII chars that occur in some literal, sorted, with their classes. */
    private final char[] otherChars;
    private final int[] otherClasses;
    private final int shift;
    /** Next state for (state << shift | class). */
    private final int[] next;
    /** Literals (as bits) that end at each state, directly or through its failure chain. */
    private final long[] found;
    /** States numbered from here on have output. */
    private final int firstAccepting;
    private final long all;

    LiteralAutomaton(List<String> literals) {
        this(literals, false);
    }

    /** When {@code foldAsciiCase}, the literals must be in ASCII lower case and match text in any ASCII case. */
    LiteralAutomaton(List<String> literals, boolean foldAsciiCase) {
        if (literals.isEmpty() || literals.size() > MAX_LITERALS) {
            throw new IllegalArgumentException("1 to " + MAX_LITERALS + " literals, not " + literals.size());
        }
        TreeSet<Character> alphabet = new TreeSet<>();
        for (String literal : literals) {
            if (literal.isEmpty()) {
                throw new IllegalArgumentException("empty literal");
            }
            for (char c : literal.toCharArray()) {
                alphabet.add(c);
            }
        }
        // Class 0 stands for every char that occurs in no literal.
        List<Character> others = new ArrayList<>();
        int classes = 1;
        for (char c : alphabet) {
            if (c < 128) {
                asciiClass[c] = classes++;
            } else {
                others.add(c);
            }
        }
        if (foldAsciiCase) {
            for (char c = 'A'; c <= 'Z'; c++) {
                asciiClass[c] = asciiClass[Character.toLowerCase(c)];
            }
        }
        otherChars = new char[others.size()];
        otherClasses = new int[others.size()];
        for (int k = 0; k < others.size(); k++) {
            otherChars[k] = others.get(k);
            otherClasses[k] = classes++;
        }
        shift = 32 - Integer.numberOfLeadingZeros(classes - 1);

        // The trie.
        List<Map<Integer, Integer>> children = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        children.add(new HashMap<>());
        ends.add(0L);
        for (int bit = 0; bit < literals.size(); bit++) {
            int state = 0;
            for (char c : literals.get(bit).toCharArray()) {
                int cls = classOf(c);
                Integer child = children.get(state).get(cls);
                if (child == null) {
                    child = children.size();
                    children.add(new HashMap<>());
                    ends.add(0L);
                    children.get(state).put(cls, child);
                }
                state = child;
            }
            ends.set(state, ends.get(state) | (1L << bit));
        }

        // Breadth first, so a state's failure target is complete before the state itself.
        int states = children.size();
        int width = 1 << shift;
        int[] transitions = new int[states * width];
        long[] output = new long[states];
        int[] fail = new int[states];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(0);
        while (!queue.isEmpty()) {
            int state = queue.poll();
            output[state] = ends.get(state) | (state == 0 ? 0 : output[fail[state]]);
            for (int cls = 0; cls < width; cls++) {
                Integer child = children.get(state).get(cls);
                int fallback = state == 0 ? 0 : transitions[fail[state] << shift | cls];
                if (child == null) {
                    transitions[state << shift | cls] = fallback;
                } else {
                    transitions[state << shift | cls] = child;
                    fail[child] = fallback;
                    queue.add(child);
                }
            }
        }

        // Renumber so that states where some literal ends come last: the scan loop then tests
        // an int it already has instead of loading every state's output.
        int[] renumbered = new int[states];
        int nextId = 0;
        for (int pass = 0; pass < 2; pass++) {
            for (int state = 0; state < states; state++) {
                if ((output[state] != 0) == (pass == 1)) {
                    renumbered[state] = nextId++;
                }
            }
        }
        // The root has no output, so it keeps number 0.
        next = new int[states * width];
        found = new long[states];
        int accepting = states;
        for (int state = 0; state < states; state++) {
            int id = renumbered[state];
            found[id] = output[state];
            if (output[state] != 0) {
                accepting = Math.min(accepting, id);
            }
            for (int cls = 0; cls < width; cls++) {
                next[id << shift | cls] = renumbered[transitions[state << shift | cls]];
            }
        }
        firstAccepting = accepting;
        all = literals.size() == 64 ? -1L : (1L << literals.size()) - 1;
    }

    /** Bit {@code k} is set when the text contains literal {@code k}. */
    long scan(String text) {
        int state = 0;
        long seen = 0;
        int[] table = next;
        int[] ascii = asciiClass;
        int accepting = firstAccepting;
        int n = text.length();
        for (int k = 0; k < n; k++) {
            char c = text.charAt(k);
            state = table[state << shift | (c < 128 ? ascii[c] : otherClass(c))];
            if (state >= accepting) {
                seen |= found[state];
                if (seen == all) {
                    break;
                }
            }
        }
        return seen;
    }

    private int classOf(char c) {
        return c < 128 ? asciiClass[c] : otherClass(c);
    }

    private int otherClass(char c) {
        int at = Arrays.binarySearch(otherChars, c);
        return at < 0 ? 0 : otherClasses[at];
    }
}
