package dev.kiln.runtime.metrics;

/**
 * Finds a literal that every match of a {@link java.util.regex.Pattern} must contain, so a line
 * that lacks it can be skipped with a plain substring search instead of running the regex.
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

    private final RegexCursor c;
    private final boolean caseInsensitive;
    private final boolean unicodeCase;
    private final StringBuilder run = new StringBuilder();
    private String best = "";

    private RequiredLiteral(String pattern, boolean caseInsensitive, boolean unicodeCase) {
        this.c = new RegexCursor(pattern);
        this.caseInsensitive = caseInsensitive;
        this.unicodeCase = unicodeCase;
    }

    /** The longest literal every match contains, or {@link Needle#NONE}. The pattern must compile. */
    static Needle of(String regex) {
        if (RegexCursor.hasInlineFlag(regex, 'x')) {
            return Needle.NONE;
        }
        boolean caseInsensitive = RegexCursor.hasInlineFlag(regex, 'i');
        boolean unicodeCase = RegexCursor.hasInlineFlag(regex, 'u') || RegexCursor.hasInlineFlag(regex, 'U');
        try {
            String text = new RequiredLiteral(regex, caseInsensitive, unicodeCase).scan();
            return text.isEmpty() ? Needle.NONE : new Needle(text, caseInsensitive);
        } catch (RegexCursor.Unsure e) {
            return Needle.NONE;
        }
    }

    private String scan() {
        while (c.more()) {
            switch (c.peek()) {
                case '|', ')', '*', '+', '?', '{' -> throw RegexCursor.Unsure.INSTANCE;
                case '(' -> {
                    c.skipGroup();
                    nonLiteralAtom();
                }
                case '[' -> {
                    c.skipClass();
                    nonLiteralAtom();
                }
                case '.', '^', '$' -> {
                    c.i++;
                    nonLiteralAtom();
                }
                case '\\' -> {
                    c.i++;
                    escape();
                }
                default -> literalAtom(c.nextCodePoint());
            }
        }
        endRun();
        return best;
    }

    private void escape() {
        int e = c.nextCodePoint();
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
                c.skipEscapeTail(e);
                nonLiteralAtom();
            }
        }
    }

    /** {@code \Q...\E}: each quoted character is a literal atom; a quantifier after {@code \E} binds to the last one. */
    private void quote() {
        String quoted = c.quoted();
        if (quoted.isEmpty()) {
            throw RegexCursor.Unsure.INSTANCE;
        }
        int last = quoted.offsetByCodePoints(quoted.length(), -1);
        quoted.substring(0, last).codePoints().forEach(this::appendLiteral);
        literalAtom(quoted.codePointAt(last));
    }

    private void nonLiteralAtom() {
        endRun();
        c.quantifier();
    }

    /** A literal atom and its quantifier: only its mandatory repetitions join the run. */
    private void literalAtom(int cp) {
        long[] bounds = c.quantifier();
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

}
