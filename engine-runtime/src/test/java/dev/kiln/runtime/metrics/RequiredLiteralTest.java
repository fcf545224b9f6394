package dev.kiln.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.algorithm.MetricEmitter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequiredLiteralTest {

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '~', quoteCharacter = '"', value = {
        "train_loss=([0-9.]+)                      ~ train_loss=",
        "validation-rmse:([0-9\\.]+)               ~ validation-rmse:",
        "Epoch \\d+ .*val_acc=(\\S+)               ~ val_acc=",
        "^\\s*loss: (\\d+)                         ~ \"loss: \"",
        "(?:train|validation)-error:([0-9.]+)      ~ -error:",
        "a|loss=(\\d+)                             ~ \"\"",
        "(?x) loss = (\\d+)                        ~ \"\"",
        "los+ == (\\d)                             ~ \"s == \"",
        "lo?ss=(\\d)                               ~ ss=",
        "ab{3}c=(\\d)                              ~ abbbc=",
        "ab{2,3}c=(\\d)                            ~ bbc=",
        "x*y{0}z=(\\d)                             ~ z=",
        "\\Qa.b|c\\E=(\\d)                         ~ a.b|c=",
        "\\Qab\\E+=(\\d)                           ~ ab",
        "[]a]bcd(\\d)                              ~ bcd",
        "[a[^]b]]xyz(\\d)                          ~ xyz",
        "\\x41BC=(\\d)                             ~ BC=",
        "\\p{Lu}abc                                ~ abc",
        "\\tloss\\t(\\d)                           ~ \"\tloss\t\"",
        "(a)\\12345xy                              ~ xy",
        "a{2}{3}bcd                                ~ \"\"",
        "(?<name>x)=(\\d)                          ~ =",
    })
    void findsTheLongestRequiredRun(String regex, String expected) {
        Pattern.compile(regex); // the analysis is only defined for valid patterns
        assertEquals(expected.isEmpty() ? Needle.NONE : new Needle(expected, false), RequiredLiteral.of(regex));
    }

    @ParameterizedTest(name = "{0} -> [{1}]")
    @CsvSource(delimiter = '~', quoteCharacter = '"', value = {
        "(?i)Loss: ([0-9.]+)                       ~ \"loss: \"",
        "(?iu)Kelvin Loss: (\\d)                   ~ \"n lo\"",
        "(?i)Kelvin Loss: (\\d)                    ~ \"kelvin loss: \"",
        "(?U)(?i)Kelvin Loss: (\\d)                ~ \"n lo\"",
        "(?i)Ünïcode=(\\d)                         ~ code=",
        "acc(?i:B)cdef                             ~ cdef",
    })
    void caseInsensitiveLiteralsAreLowerCasedAndAvoidUnicodeFolds(String regex, String expected) {
        Pattern.compile(regex);
        assertEquals(new Needle(expected, true), RequiredLiteral.of(regex));
    }

    @Test
    void metricEmitterDefinitionsHaveTheirWholePrefixAsLiteral() {
        assertEquals(new Needle("#metric train:loss=", false),
                RequiredLiteral.of(MetricEmitter.definitionFor("train:loss").regex()));
    }

    @Test
    void seesInlineFlagsAnywhere() {
        assertTrue(RegexCursor.hasInlineFlag("a(?-i:b)", 'i'));
        assertTrue(RegexCursor.hasInlineFlag("a(?smx)b", 'x'));
        assertFalse(RegexCursor.hasInlineFlag("a(?<x>b)", 'x'));
        assertFalse(RegexCursor.hasInlineFlag("(?:ix)", 'i'));
    }

    /**
     * Checks against the JDK what the case-insensitive analysis assumes: an ASCII non-letter
     * matches only itself, and an ASCII letter matches only itself in either case, except, under
     * Unicode case folding, the letters in {@link RequiredLiteral#UNICODE_FOLDED_LETTERS}.
     */
    @Test
    void caseFoldingFactsHold() {
        for (int c = 0; c < 0x80; c++) {
            boolean letter = RequiredLiteral.isAsciiLetter(c);
            boolean unicodeSafe = !letter || RequiredLiteral.UNICODE_FOLDED_LETTERS.indexOf(c) < 0;
            String literal = Pattern.quote(Character.toString(c));
            Pattern ascii = Pattern.compile(literal, Pattern.CASE_INSENSITIVE);
            Pattern unicode = Pattern.compile(literal, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            // Two characters compile to a slice, which folds case with its own code.
            String slice = Pattern.quote(Character.toString(c) + "!");
            Pattern asciiSlice = Pattern.compile(slice, Pattern.CASE_INSENSITIVE);
            Pattern unicodeSlice = Pattern.compile(slice, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            for (int d = 0; d < 0x10000; d++) {
                if (d == c || (letter && Character.toLowerCase(d) == Character.toLowerCase(c) && d < 0x80)) {
                    continue;
                }
                String text = Character.toString(d);
                if (ascii.matcher(text).matches() || asciiSlice.matcher(text + "!").matches()) {
                    throw new AssertionError("U+" + Integer.toHexString(d) + " matches " + literal + " (ASCII case)");
                }
                if (unicodeSafe && (unicode.matcher(text).matches() || unicodeSlice.matcher(text + "!").matches())) {
                    throw new AssertionError("U+" + Integer.toHexString(d) + " matches " + literal + " (Unicode case)");
                }
            }
        }
    }

    @Test
    void unicodeFoldedLettersReallyFold() {
        Pattern kelvin = Pattern.compile("k", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        assertTrue(kelvin.matcher("\u212A").matches());
        assertFalse(Pattern.compile("k", Pattern.CASE_INSENSITIVE).matcher("\u212A").matches());
    }
}
