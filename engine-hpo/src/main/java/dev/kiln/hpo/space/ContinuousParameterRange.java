package dev.kiln.hpo.space;

import dev.kiln.api.error.ValidationException;

/** A real-valued hyperparameter searched between {@code minValue} and {@code maxValue} inclusive. */
public record ContinuousParameterRange(String name, double minValue, double maxValue, ScalingType scalingType)
        implements ParameterRange {
    private static final String KIND = "ContinuousParameterRange";

    public ContinuousParameterRange {
        RangeChecks.checkName(KIND, name);
        scalingType = scalingType == null ? ScalingType.AUTO : scalingType;
        if (!Double.isFinite(minValue) || !Double.isFinite(maxValue)) {
            throw new ValidationException(KIND + " '" + name + "': MinValue and MaxValue must be finite numbers");
        }
        RangeChecks.checkOrdered(KIND, name, ValueFormat.continuous(minValue), ValueFormat.continuous(maxValue),
                minValue <= maxValue);
        RangeChecks.checkLogarithmic(KIND, name, scalingType, minValue);
        if (scalingType == ScalingType.REVERSE_LOGARITHMIC && !(minValue >= 0 && maxValue < 1)) {
            throw new ValidationException(KIND + " '" + name
                    + "': ReverseLogarithmic scaling works only for ranges that are entirely within the range 0<=x<1.0");
        }
    }

    /** Builds a range from the request's strings ({@code MinValue}, {@code MaxValue}, {@code ScalingType}). */
    public static ContinuousParameterRange parse(String name, String minValue, String maxValue, String scalingType) {
        RangeChecks.checkName(KIND, name);
        return new ContinuousParameterRange(name,
                RangeChecks.parseDouble(KIND, name, "MinValue", minValue),
                RangeChecks.parseDouble(KIND, name, "MaxValue", maxValue),
                ScalingType.fromWire(scalingType));
    }

    /** The scale actually used: Auto resolved by {@link ScalingType#resolve}. */
    public ScalingType resolvedScaling() {
        return scalingType.resolve(minValue, maxValue, true);
    }

    @Override
    public int width() {
        return 1;
    }
}
