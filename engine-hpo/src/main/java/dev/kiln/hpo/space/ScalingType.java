package dev.kiln.hpo.space;

import dev.kiln.api.error.ValidationException;

/**
 * How a numeric range is searched. {@link #AUTO} is resolved per range by {@link #resolve}; the other three
 * are SageMaker's explicit choices.
 */
public enum ScalingType {
    AUTO("Auto"),
    LINEAR("Linear"),
    LOGARITHMIC("Logarithmic"),
    REVERSE_LOGARITHMIC("ReverseLogarithmic");

    /**
     * Auto picks a logarithmic scale when the range spans at least this ratio (two orders of magnitude). The
     * tolerance lets decimal ranges such as 0.9..0.999, whose ratio computes as 99.99999999999991, qualify.
     */
    static final double AUTO_SPAN_RATIO = 100.0 * (1 - 1e-9);

    private final String wireName;

    ScalingType(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in SageMaker requests, for example {@code ReverseLogarithmic}. */
    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; {@code null} means Auto, as the service defaults it. */
    public static ScalingType fromWire(String wireName) {
        if (wireName == null) {
            return AUTO;
        }
        for (ScalingType type : values()) {
            if (type.wireName.equals(wireName)) {
                return type;
            }
        }
        throw new ValidationException("Value '" + wireName + "' at 'scalingType' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [Auto, Linear, Logarithmic, ReverseLogarithmic]");
    }

    /**
     * The concrete scale for a range: Auto becomes Logarithmic when {@code min > 0} and {@code max/min >= 100};
     * ReverseLogarithmic when the range is continuous, {@code 0 <= min}, {@code max < 1} and
     * {@code (1-min)/(1-max) >= 100} (values crowd against 1, like a momentum of 0.9 to 0.999); otherwise Linear.
     * Explicit types are returned unchanged.
     */
    public ScalingType resolve(double min, double max, boolean continuous) {
        if (this != AUTO) {
            return this;
        }
        if (min > 0 && max / min >= AUTO_SPAN_RATIO) {
            return LOGARITHMIC;
        }
        if (continuous && min >= 0 && max < 1 && (1 - min) / (1 - max) >= AUTO_SPAN_RATIO) {
            return REVERSE_LOGARITHMIC;
        }
        return LINEAR;
    }
}
