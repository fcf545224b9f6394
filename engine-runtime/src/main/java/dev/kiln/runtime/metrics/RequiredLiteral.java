package dev.kiln.runtime.metrics;

/**
 * Finds a literal that every match of a {@link java.util.regex.Pattern} must contain, so a line
 * that lacks it can be skipped with {@link String#indexOf(String)} instead of running the regex.
 *
 * <p>The analysis is deliberately conservative: it only reads the top-level sequence of the
 * pattern, treats every group, class, escape class, anchor and optional atom as a break between
 * literal runs, and answers "no literal" (the empty string) for anything it does not fully
 * understand: top-level alternation, the {@code x} (comments) flag, stacked quantifiers, empty
 * {@code \Q\E} quotes.
 *
 * <p>When the {@code i} flag appears anywhere, the whole literal is treated as case-insensitive
 * (see {@link Needle}) and kept in ASCII lower case. Java's ASCII case folding matches an ASCII
 * letter only with itself in either case; with Unicode case folding ({@code u} or {@code U}
 * flags anywhere) a few non-ASCII characters also match ASCII letters (the Kelvin sign matches
 * {@code k}, the long s {@code s}, the dotted and dotless I {@code i}), so those letters break runs.
 * Non-ASCII characters always break runs under {@code i}. The test checks these facts against the JDK.
 */
final class RequiredLiteral {
    private static final int MAX_REPEAT = 64;

    private final String p;
    private final boolean caseInsensitive;
    private final boolean unicodeCase;
    private final StringBuilder run = new StringBuilder();
    private String best = "";
    private int i;

    private RequiredLiteral(String pattern, boolean caseInsensitive, boolean unicodeCase) {
        this.p = pattern;
        this.caseInsensitive = caseInsensitive;
        this.unicodeCase = unicodeCase;
    }

    /** The longest literal every match contains, or {@link Needle#NONE}. The pattern must compile. */
    static Needle of(String regex) {
        if (hasInlineFlag(regex, 'x')) {
            return Needle.NONE;
        }
        boolean caseInsensitive = hasInlineFlag(regex, 'i');
        boolean unicodeCase = hasInlineFlag(regex, 'u') || hasInlineFlag(regex, 'U');
        try {
            String text = new RequiredLiteral(regex, caseInsensitive, unicodeCase).scan();
            return text.isEmpty() ? Needle.NONE : new Needle(text, caseInsensitive);
        } catch (Unsure e) {
            return Needle.NONE;
        }
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

    private String scan() {
        int n = p.length();
        while (i < n) {
            char c = p.charAt(i);
            switch (c) {
                case '|', ')', '*', '+', '?', '{' -> throw Unsure.INSTANCE;
                case '(' -> {
                    skipGroup();
                    nonLiteralAtom();
                }
                case '[' -> {
                    skipClass();
                    nonLiteralAtom();
                }
                case '.', '^', '$' -> {
                    i++;
                    nonLiteralAtom();
                }
                case '\\' -> escape();
                default -> {
                    int cp = p.codePointAt(i);
                    i += Character.charCount(cp);
                    literalAtom(cp);
                }
            }
        }
        endRun();
        return best;
    }

    private void escape() {
        i++;
        if (i >= p.length()) {
            throw Unsure.INSTANCE;
        }
        int e = p.codePointAt(i);
        i += Character.charCount(e);
        if (!isAsciiLetterOrDigit(e)) {
            literalAtom(e);
            return;
        }
        switch (e) {
            case 'Q' -> quote();
            case 't' -> literalAtom('\t');
            case 'n' -> literalAtom('\n');
            case 'r' -> literalAtom('\r');
            case 'f' -> literalAtom('\f');
            case 'a' -> literalAtom('\u0007');
            case 'e' -> literalAtom('\u001B');
            default -> {
                skipEscapeTail(e);
                nonLiteralAtom();
            }
        }
    }

    /** {@code \Q...\E}: each quoted character is a literal atom; a quantifier after {@code \E} binds to the last one. */
    private void quote() {
        int end = p.indexOf("\\E", i);
        String quoted = end < 0 ? p.substring(i) : p.substring(i, end);
        i = end < 0 ? p.length() : end + 2;
        if (quoted.isEmpty()) {
            throw Unsure.INSTANCE;
        }
        int last = quoted.offsetByCodePoints(quoted.length(), -1);
        quoted.substring(0, last).codePoints().forEach(this::appendLiteral);
        literalAtom(quoted.codePointAt(last));
    }

    /** Skips the rest of an escape that is not a literal, such as {@code \p{Lu}} or {@code \x{41}}; over-skipping is safe. */
    private void skipEscapeTail(int e) {
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
    private void skipGroup() {
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
    private void skipClass() {
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

    private void nonLiteralAtom() {
        endRun();
        quantifier();
    }

    /** A literal atom and its quantifier: only its mandatory repetitions join the run. */
    private void literalAtom(int cp) {
        long[] bounds = quantifier();
        if (bounds == null) {
            appendLiteral(cp);
            return;
        }
        long min = bounds[0];
        long max = bounds[1];
        if (min == 0) {
            endRun();
            return;
        }
        // A match is c repeated k times, min <= k <= max: its first min copies follow what came
        // before and its last min copies precede what comes next. Capped so that a{100000}
        // cannot build a huge needle.
        long copies = Math.min(min, MAX_REPEAT);
        appendCopies(cp, copies);
        if (max != min || min > MAX_REPEAT) {
            endRun();
            appendCopies(cp, copies);
        }
    }

    private void appendCopies(int cp, long copies) {
        for (long k = 0; k < copies; k++) {
            appendLiteral(cp);
        }
    }

    /** Consumes a quantifier (with its lazy or possessive suffix); returns {min, max} or null when none. */
    private long[] quantifier() {
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

    private void appendLiteral(int cp) {
        if (!caseInsensitive) {
            run.appendCodePoint(cp);
        } else if (foldsOnlyToItself(cp)) {
            run.append((char) cp);
        } else if (isAsciiLetter(cp) && !(unicodeCase && UNICODE_FOLDED_LETTERS.indexOf(cp) >= 0)) {
            run.append(Character.toLowerCase((char) cp));
        } else {
            endRun();
        }
    }

    /** ASCII letters that some non-ASCII character matches under Unicode case folding. */
    static final String UNICODE_FOLDED_LETTERS = "iksIKS";

    /** ASCII characters other than letters: the only ones known to match nothing else under any case folding. */
    static boolean foldsOnlyToItself(int cp) {
        return cp < 0x80 && !isAsciiLetter(cp);
    }

    static boolean isAsciiLetter(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    }

    private void endRun() {
        if (run.length() > best.length()) {
            best = run.toString();
        }
        run.setLength(0);
    }

    private static boolean isAsciiLetterOrDigit(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /** Control flow for "the analysis does not know"; carries no stack trace. */
    private static final class Unsure extends RuntimeException {
        static final Unsure INSTANCE = new Unsure();

        private Unsure() {
            super(null, null, false, false);
        }
    }
}
