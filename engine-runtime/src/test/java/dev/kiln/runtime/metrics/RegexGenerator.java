package dev.kiln.runtime.metrics;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Generates random metric-like regexes together with a text each one should match, so that
 * generated lines exercise real matches, near misses (mutated examples) and the constructs the
 * literal analysis must get right: alternation, optional groups, escapes, quotes, classes
 * (including {@code []a]} and nested ones), inline flags, anchors, lookarounds, backreferences.
 */
final class RegexGenerator {
    /** A regex and a text it should match (not guaranteed for flags like x or lookarounds). */
    record Sample(String regex, String example) {}

    private static final List<String> WORDS = List.of("loss", "train", "val", "acc", "rmse", "epoch", "Epoch",
            "#metric ", "train:loss", "validation-error", "a.b", "x|y", "(k)", "[1]", "c$d", "^e", "q*", "w+", "z?",
            "{3}", "\\", "é", "ß", "s", "k", "i", "😀", "=", ": ", "\t", " ", "_", "-", "Kelvin", "ſ");
    private static final String[][] ATOMS = {
        {"[0-9]+", "42"}, {"[^ ]+", "x7"}, {"[]a]", "]"}, {"[^]a]", "b"}, {"[a-z&&[^b]]", "c"}, {"[\\]x]", "]"},
        {"[\\Q]\\E]", "]"}, {"[a[]b]]", "]"}, {"\\d+", "42"}, {"\\S+", "ab"}, {"\\s*", " "}, {"\\w+", "w1"},
        {".*", "anything"}, {".*?", ""}, {"\\p{L}+", "é"}, {"\\pL", "b"}, {"\\x41", "A"}, {"\\x{1F600}", "😀"},
        {"\\u0041", "A"}, {"\\0101", "A"}, {"\\cI", "\t"}, {"\\t", "\t"}, {"[\\t ]", " "}, {"\\.", "."},
        {"\\\\", "\\"}, {"\\$", "$"}, {"[(]", "("}, {"[)]", ")"}, {"\\(", "("}, {"\\)", ")"}, {"\\|", "|"},
        {"[|]", "|"}, {"\\N{LATIN SMALL LETTER A}", "a"}, {"\\b", ""}, {"\\B", ""}, {"\\R", "\n"},
        {"\\h", " "}, {"\\Qa+b\\E", "a+b"}, {"\\Q(\\E", "("}, {"[\\p{Lu}]", "Q"}, {"\\e", "\u001B"},
    };
    private static final String[] QUANTIFIERS = {"?", "*", "+", "{2}", "{1,3}", "{0}", "{2,}", "??", "+?", "*+",
        "{3}?", "{0,1}"};

    private final Random random;
    private boolean caseInsensitive;

    RegexGenerator(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A whole metric definition regex: a sequence with one numeric capture, sometimes a top-level alternation or flag. */
    Sample definition() {
        caseInsensitive = false;
        StringBuilder regex = new StringBuilder();
        StringBuilder example = new StringBuilder();
        switch (random.nextInt(8)) {
            case 0 -> {
                regex.append(pick("(?i)", "(?iu)", "(?ui)"));
                caseInsensitive = true;
            }
            case 1 -> regex.append(pick("(?x)", "(?m)", "(?s)", "(?-i)", "(?U)", "(?d)"));
            case 2 -> regex.append(pick("^", "\\A", "\\G"));
            default -> { }
        }
        Sample body = sequence(2, true);
        regex.append(body.regex);
        example.append(body.example);
        if (random.nextInt(10) == 0) {
            Sample other = sequence(1, false);
            regex.append('|').append(other.regex);
            if (random.nextBoolean()) {
                example.setLength(0);
                example.append(other.example);
            }
        }
        if (random.nextInt(6) == 0) {
            regex.append(pick("$", "\\z", "\\Z"));
        }
        return new Sample(regex.toString(), example.toString());
    }

    private Sample sequence(int depth, boolean withValue) {
        StringBuilder regex = new StringBuilder();
        StringBuilder example = new StringBuilder();
        int pieces = 1 + random.nextInt(5);
        int valueAt = withValue ? random.nextInt(pieces + 1) : -1;
        for (int k = 0; k <= pieces; k++) {
            Sample s = k == valueAt ? value() : piece(depth);
            regex.append(s.regex);
            example.append(s.example);
        }
        return new Sample(regex.toString(), example.toString());
    }

    private Sample piece(int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 7);
        return switch (kind) {
            case 0, 1, 2 -> word();
            case 3, 4 -> quantifiedChar();
            case 5, 6 -> atom();
            default -> group(depth - 1);
        };
    }

    private Sample value() {
        String number = pick("0.5", "1e-3", "-2.5E+4", "12", "3.", ".7", "nan", "inf", "1.0f", "x");
        String regex = pick("([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)", "(\\S+)", "(.+?)", "([^ ]*)",
                "(?<v>[-0-9.eE+a-z]+)", "([\\d.eE+-]+|nan|inf)");
        return new Sample(regex, number);
    }

    private Sample word() {
        String w = pick(WORDS.toArray(String[]::new));
        String regex = switch (random.nextInt(3)) {
            case 0 -> Pattern.quote(w);
            case 1 -> backslashEscaped(w);
            default -> "\\Q" + w + "\\E";
        };
        if (random.nextInt(6) == 0) {
            // A quantifier after a quote or an escape binds to its last character only.
            String shorter = w.substring(0, w.offsetByCodePoints(w.length(), -1));
            return new Sample(regex + "?", foldCase(random.nextBoolean() ? w : shorter));
        }
        return new Sample(regex, foldCase(w));
    }

    private Sample quantifiedChar() {
        String c = pick("s", "o", "l", ":", "=", ".", " ", "-", "K", "é");
        String q = pick(QUANTIFIERS);
        int min = switch (q.charAt(0)) {
            case '?', '*' -> 0;
            case '+' -> 1;
            default -> q.charAt(1) - '0';
        };
        String regex = (c.equals(".") ? "\\." : c) + q;
        return new Sample(regex, foldCase(c.repeat(min + (q.startsWith("{") && !q.contains(",") ? 0 : random.nextInt(2)))));
    }

    private Sample atom() {
        String[] a = ATOMS[random.nextInt(ATOMS.length)];
        return new Sample(a[0], a[1]);
    }

    private Sample group(int depth) {
        Sample inner = sequence(depth, false);
        boolean wasCaseInsensitive = caseInsensitive;
        return switch (random.nextInt(9)) {
            case 0 -> new Sample("(" + inner.regex + ")", inner.example);
            case 1 -> new Sample("(?:" + inner.regex + ")" + pick("?", "*", "+", "{2}", ""),
                    random.nextBoolean() ? inner.example : "");
            case 2 -> {
                Sample other = sequence(depth, false);
                yield new Sample("(?:" + inner.regex + "|" + other.regex + ")",
                        random.nextBoolean() ? inner.example : other.example);
            }
            case 3 -> {
                caseInsensitive = true;
                Sample folded = sequence(depth, false);
                caseInsensitive = wasCaseInsensitive;
                yield new Sample("(?i:" + folded.regex + ")", folded.example);
            }
            case 4 -> new Sample("(?=" + inner.regex + ")" + inner.regex, inner.example);
            case 5 -> new Sample("(?!zq)", "");
            case 6 -> new Sample(inner.regex + "(?<=" + Pattern.quote(inner.example) + ")", inner.example);
            case 7 -> new Sample("(" + inner.regex + ")\\1", inner.example + inner.example);
            default -> new Sample("(?>" + inner.regex + ")", inner.example);
        };
    }

    /** A line around a sample: noise, the example (often mutated so it nearly matches), noise. */
    String line(Sample sample) {
        StringBuilder line = new StringBuilder();
        if (random.nextInt(3) > 0) {
            line.append(noise());
        }
        String example = sample.example;
        if (random.nextInt(3) == 0 && !example.isEmpty()) {
            example = mutate(example);
        }
        line.append(example);
        if (random.nextInt(3) > 0) {
            line.append(noise());
        }
        return line.toString();
    }

    String noise() {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(6);
        for (int k = 0; k < n; k++) {
            s.append(random.nextBoolean() ? pick(WORDS.toArray(String[]::new)) : pick(" ", "0.25", "step 7", "[12]"));
        }
        return s.toString();
    }

    private String mutate(String s) {
        StringBuilder b = new StringBuilder(s);
        int at = random.nextInt(b.length());
        switch (random.nextInt(4)) {
            case 0 -> b.deleteCharAt(at);
            case 1 -> b.insert(at, b.charAt(at));
            case 2 -> b.setCharAt(at, Character.isUpperCase(b.charAt(at))
                    ? Character.toLowerCase(b.charAt(at)) : Character.toUpperCase(b.charAt(at)));
            default -> b.insert(at, pick(" ", "x", "\t"));
        }
        return b.toString();
    }

    /** Under the i flag, change case, including folds only Unicode case knows (Kelvin sign, long s). */
    private String foldCase(String s) {
        if (!caseInsensitive) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            int r = random.nextInt(4);
            if (cp == 'k' && r == 0) {
                b.append('\u212A');
            } else if (cp == 's' && r == 0) {
                b.append('\u017F');
            } else if (r == 1) {
                b.appendCodePoint(Character.toUpperCase(cp));
            } else if (r == 2) {
                b.appendCodePoint(Character.toLowerCase(cp));
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private static String backslashEscaped(String w) {
        StringBuilder b = new StringBuilder();
        w.codePoints().forEach(cp -> {
            if ("\\.[]{}()*+?^$|".indexOf(cp) >= 0) {
                b.append('\\');
            }
            if (cp == '\t') {
                b.append("\\t");
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }
}
