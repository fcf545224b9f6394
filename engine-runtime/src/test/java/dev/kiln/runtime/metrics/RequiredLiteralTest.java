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
        "(?i)Loss: ([0-9.]+)                       ~ \": \"",
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
        assertEquals(expected, RequiredLiteral.of(regex));
    }

    @Test
    void metricEmitterDefinitionsHaveTheirWholePrefixAsLiteral() {
        assertEquals("#metric train:loss=", RequiredLiteral.of(MetricEmitter.definitionFor("train:loss").regex()));
    }

    @Test
    void seesInlineFlagsAnywhere() {
        assertTrue(RequiredLiteral.hasInlineFlag("a(?-i:b)", 'i'));
        assertTrue(RequiredLiteral.hasInlineFlag("a(?smx)b", 'x'));
        assertFalse(RequiredLiteral.hasInlineFlag("a(?<x>b)", 'x'));
        assertFalse(RequiredLiteral.hasInlineFlag("(?:ix)", 'i'));
    }

    /**
     * The case-insensitive analysis keeps only ASCII non-letters; this checks against the JDK that
     * no other character folds to one of them, with or without Unicode case.
     */
    @Test
    void asciiNonLettersFoldOnlyToThemselves() {
        for (int c = 0; c < 0x80; c++) {
            if (!RequiredLiteral.foldsOnlyToItself(c)) {
                continue;
            }
            String literal = Pattern.quote(Character.toString(c));
            Pattern ascii = Pattern.compile(literal, Pattern.CASE_INSENSITIVE);
            Pattern unicode = Pattern.compile(literal, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
            for (int d = 0; d <= Character.MAX_CODE_POINT; d++) {
                if (d == c || (d >= Character.MIN_SURROGATE && d <= Character.MAX_SURROGATE)) {
                    continue;
                }
                if (Character.toUpperCase(d) == c || Character.toLowerCase(d) == c
                        || Character.toLowerCase(Character.toUpperCase(d)) == c) {
                    throw new AssertionError("U+" + Integer.toHexString(d) + " folds to " + c);
                }
                if (d < 0x10000 && (ascii.matcher(Character.toString(d)).matches()
                        || unicode.matcher(Character.toString(d)).matches())) {
                    throw new AssertionError("U+" + Integer.toHexString(d) + " matches " + literal);
                }
            }
        }
    }
}
