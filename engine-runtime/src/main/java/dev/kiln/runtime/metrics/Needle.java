package dev.kiln.runtime.metrics;

/**
 * A literal that every match of a regex contains. When {@code ignoreCase}, the regex matches it
 * in any ASCII case and {@code text} is in ASCII lower case, so it is looked for in the line's
 * ASCII-lower-cased form. The empty text means "nothing known": every line may match.
 */
record Needle(String text, boolean ignoreCase) {
    static final Needle NONE = new Needle("", false);

    boolean isNone() {
        return text.isEmpty();
    }

    /** The plain check, for tests and as the definition the optimized checks must agree with. */
    boolean foundIn(String line) {
        return (ignoreCase ? asciiLowerCase(line) : line).contains(text);
    }

    /** Whether the line contains the text; the same answer as {@link #foundIn}, without copying the line. */
    boolean isIn(String line) {
        return ignoreCase ? containsIgnoringAsciiCase(line, text) : line.contains(text);
    }

    /**
     * Finds candidates for the needle's first character, in either case, with the vectorised
     * {@link String#indexOf(int, int)}, and compares the rest at each.
     */
    static boolean containsIgnoringAsciiCase(String line, String lowerNeedle) {
        char first = lowerNeedle.charAt(0);
        char other = first >= 'a' && first <= 'z' ? (char) (first - ('a' - 'A')) : first;
        int last = line.length() - lowerNeedle.length();
        int nextFirst = line.indexOf(first);
        int nextOther = other == first ? -1 : line.indexOf(other);
        while (true) {
            int at = nextFirst < 0 ? nextOther : nextOther < 0 ? nextFirst : Math.min(nextFirst, nextOther);
            if (at < 0 || at > last) {
                return false;
            }
            if (matchesAt(line, at, lowerNeedle)) {
                return true;
            }
            if (at == nextFirst) {
                nextFirst = line.indexOf(first, at + 1);
            } else {
                nextOther = line.indexOf(other, at + 1);
            }
        }
    }

    private static boolean matchesAt(String line, int at, String lowerNeedle) {
        for (int k = 1; k < lowerNeedle.length(); k++) {
            char c = line.charAt(at + k);
            if (isAsciiUpper(c)) {
                c = (char) (c + ('a' - 'A'));
            }
            if (c != lowerNeedle.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Lower-cases ASCII letters only: the folding {@code (?i)} applies without {@code (?u)}. */
    static String asciiLowerCase(String s) {
        int k = 0;
        while (k < s.length() && !isAsciiUpper(s.charAt(k))) {
            k++;
        }
        if (k == s.length()) {
            return s;
        }
        char[] chars = s.toCharArray();
        for (; k < chars.length; k++) {
            if (isAsciiUpper(chars[k])) {
                chars[k] = (char) (chars[k] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    private static boolean isAsciiUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
