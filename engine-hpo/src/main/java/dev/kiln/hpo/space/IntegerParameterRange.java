package dev.kiln.hpo.space;

import dev.kiln.api.error.ValidationException;

/**
 * An integer hyperparameter searched between {@code minValue} and {@code maxValue} inclusive. Integers support
 * Linear, Logarithmic and Auto scaling (the service offers no reverse-logarithmic integer scale).
 */
public record IntegerParameterRange(String name, long minValue, long maxValue, ScalingType scalingType)
        implements ParameterRange {
    private static final String KIND = "IntegerParameterRange";

    public IntegerParameterRange {
        RangeChecks.checkName(KIND, name);
        scalingType = scalingType == null ? ScalingType.AUTO : scalingType;
        RangeChecks.checkOrdered(KIND, name, Long.toString(minValue), Long.toString(maxValue), minValue <= maxValue);
        if (scalingType == ScalingType.REVERSE_LOGARITHMIC) {
            throw new ValidationException(KIND + " '" + name
                    + "': ReverseLogarithmic scaling is supported only for continuous hyperparameters");
        }
        RangeChecks.checkLogarithmic(KIND, name, scalingType, minValue);
    }

    /** Builds a range from the request's strings ({@code MinValue}, {@code MaxValue}, {@code ScalingType}). */
    public static IntegerParameterRange parse(String name, String minValue, String maxValue, String scalingType) {
        RangeChecks.checkName(KIND, name);
        return new IntegerParameterRange(name,
                RangeChecks.parseLong(KIND, name, "MinValue", minValue),
                RangeChecks.parseLong(KIND, name, "MaxValue", maxValue),
                ScalingType.fromWire(scalingType));
    }

    /** The scale actually used: Auto resolved by {@link ScalingType#resolve}. */
    public ScalingType resolvedScaling() {
        return scalingType.resolve(minValue, maxValue, false);
    }

    @Override
    public int width() {
        return 1;
    }
}
