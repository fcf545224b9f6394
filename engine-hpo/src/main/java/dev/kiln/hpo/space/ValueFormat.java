package dev.kiln.hpo.space;

import java.math.BigDecimal;

/**
 * Hyperparameter values as SageMaker hands them to a training job: strings, integers without a decimal point,
 * real numbers in plain (never scientific) notation with the shortest digits that read back to the same double.
 */
public final class ValueFormat {
    private ValueFormat() {
    }

    /** An integer value, for example {@code 128}. */
    public static String integer(long value) {
        return Long.toString(value);
    }

    /**
     * A real value in plain notation that parses back to exactly {@code value}, for example {@code 0.00012},
     * {@code 3.0}.
     */
    public static String continuous(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite value: " + value);
        }
        if (value == 0) {
            return "0.0";
        }
        // Double.toString gives digits that round-trip; BigDecimal re-renders them without an exponent, which
        // strict decimal parsers (and people reading DescribeTrainingJob output) handle better than 1.0E-5.
        String plain = new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
