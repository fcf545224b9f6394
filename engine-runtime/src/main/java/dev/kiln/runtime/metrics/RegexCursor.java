package dev.kiln.runtime.metrics;

/**
 * A position in a {@link java.util.regex.Pattern} source with the moves {@link RequiredLiteral}
 * needs: skipping a group, a class or the tail of an escape whole, and reading a quantifier.
 * Whatever it cannot parse with certainty makes it throw {@link Unsure}.
 */
final class RegexCursor {
    final String p;
    int i;

    RegexCursor(String pattern) {
        this.p = pattern;
    }

    boolean more() {
        return i < p.length();
    }

    char peek() {
        return p.charAt(i);
    }

    int nextCodePoint() {
        if (i >= p.length()) {
            throw Unsure.INSTANCE;
        }
        int cp = p.codePointAt(i);
        i += Character.charCount(cp);
        return cp;
    }

    /** After {@code \Q}: the quoted text, up to {@code \E} or the end, which it moves past. */
    String quoted() {
        int end = p.indexOf("\\E", i);
        String quoted = end < 0 ? p.substring(i) : p.substring(i, end);
        i = end < 0 ? p.length() : end + 2;
        return quoted;
    }

    /**
     * Whether the text contains an inline flag group naming the flag, on or off, anywhere. Being
     * textual it may also see {@code \(?i} (a literal parenthesis), which only makes the
     * analysis more cautious.
     */
    static boolean hasInlineFlag(String regex, char flag) {
        for (int k = regex.indexOf("(?"); k >= 0; k = regex.indexOf("(?", k + 1)) {
            for (int j = k + 2; j < regex.length() && "idmsuxU-".indexOf(regex.charAt(j)) >= 0; j++) {
                if (regex.charAt(j) == flag) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Skips the rest of an escape that is not a literal, such as {@code \p{Lu}} or {@code \x{41}}; over-skipping is safe. */
    void skipEscapeTail(int e) {
        switch (e) {
            case 'p', 'P', 'x', 'N', 'b' -> {
                if (i < p.length() && p.charAt(i) == '{') {
                    skipPast('}');
                } else if (e == 'x') {
                    i += 2;
                } else if (e == 'p' || e == 'P') {
                    i += 1;
                }
            }
            case 'k' -> skipPast('>');
            case 'u' -> i += 4;
            case 'c' -> i += 1;
            case '0' -> {
                for (int k = 0; k < 3 && i < p.length() && p.charAt(i) >= '0' && p.charAt(i) <= '7'; k++) {
                    i++;
                }
            }
            default -> {
                if (e >= '1' && e <= '9') {
                    while (i < p.length() && Character.isDigit(p.charAt(i))) {
                        i++;
                    }
                }
            }
        }
        i = Math.min(i, p.length());
    }

    private void skipPast(char close) {
        int end = p.indexOf(close, i);
        if (end < 0) {
            throw Unsure.INSTANCE;
        }
        i = end + 1;
    }

    /** Skips a parenthesised group, whatever it contains, to just after its closing parenthesis. */
    void skipGroup() {
        int depth = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                skipEscapeInside();
            } else if (c == '[') {
                skipClass();
            } else {
                i++;
                if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth == 0) {
                    return;
                }
            }
        }
        throw Unsure.INSTANCE;
    }

    /**
     * Skips a character class, nested classes included. As in {@link java.util.regex.Pattern}, a
     * {@code ]} right after {@code [} or {@code [^} is a member, not the end.
     */
    void skipClass() {
        int depth = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                skipEscapeInside();
            } else if (c == '[') {
                depth++;
                i++;
                if (i < p.length() && p.charAt(i) == '^') {
                    i++;
                }
                if (i < p.length() && p.charAt(i) == ']') {
                    i++;
                }
            } else {
                i++;
                if (c == ']' && --depth == 0) {
                    return;
                }
            }
        }
        throw Unsure.INSTANCE;
    }

    /** Inside a skipped construct only brackets and parentheses matter; no escape tail contains one. */
    private void skipEscapeInside() {
        if (p.startsWith("\\Q", i)) {
            int end = p.indexOf("\\E", i + 2);
            i = end < 0 ? p.length() : end + 2;
        } else {
            i = Math.min(p.length(), i + 2);
        }
    }

    /** Consumes a quantifier (with its lazy or possessive suffix); returns {min, max} or null when none. */
    long[] quantifier() {
        if (i >= p.length()) {
            return null;
        }
        long[] bounds;
        switch (p.charAt(i)) {
            case '?' -> bounds = new long[] {0, 1};
            case '*' -> bounds = new long[] {0, Long.MAX_VALUE};
            case '+' -> bounds = new long[] {1, Long.MAX_VALUE};
            case '{' -> bounds = braces();
            default -> {
                return null;
            }
        }
        i++; // past the quantifier character or the closing brace
        if (i < p.length() && (p.charAt(i) == '?' || p.charAt(i) == '+')) {
            i++;
        }
        return bounds;
    }

    /** Parses {@code {n}}, {@code {n,}} or {@code {n,m}}, leaving {@code i} on the closing brace. */
    private long[] braces() {
        int close = p.indexOf('}', i);
        if (close < 0) {
            throw Unsure.INSTANCE;
        }
        String body = p.substring(i + 1, close);
        try {
            int comma = body.indexOf(',');
            long min = Long.parseLong(comma < 0 ? body : body.substring(0, comma));
            long max = comma < 0 ? min
                    : comma == body.length() - 1 ? Long.MAX_VALUE
                    : Long.parseLong(body.substring(comma + 1));
            i = close;
            return new long[] {min, max};
        } catch (NumberFormatException e) {
            throw Unsure.INSTANCE;
        }
    }

    /** Control flow for "the analysis does not know"; carries no stack trace. */
    static final class Unsure extends RuntimeException {
        static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super(null, null, false, false);
        }
    }
}
