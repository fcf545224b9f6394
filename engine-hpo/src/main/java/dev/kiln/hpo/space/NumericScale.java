package dev.kiln.hpo.space;

/**
 * Maps a numeric interval onto [0, 1] through a resolved scaling type. The interval is linear in the scaled
 * ("internal") value: {@code x} for Linear, {@code ln x} for Logarithmic and {@code -ln(1-x)} for
 * ReverseLogarithmic, so equal steps in the unit interval are equal ratios (or equal ratios of distance to 1).
 */
final class NumericScale {
    private final ScalingType type;
    private final double low;
    private final double high;
    private final double internalLow;
    private final double internalWidth;

    NumericScale(ScalingType type, double low, double high) {
        if (type == ScalingType.AUTO) {
            throw new IllegalArgumentException("resolve Auto before building a scale");
        }
        this.type = type;
        this.low = low;
        this.high = high;
        this.internalLow = internal(low);
        this.internalWidth = internal(high) - internalLow;
    }

    ScalingType type() {
        return type;
    }

    /** Position of {@code value} in [0, 1]; values outside the interval are clamped. */
    double toUnit(double value) {
        if (internalWidth <= 0) {
            return 0.5;
        }
        double v = Math.min(Math.max(value, low), high);
        return clampUnit((internal(v) - internalLow) / internalWidth);
    }

    /** The value at unit position {@code u} (clamped to [0, 1]), always within [low, high]. */
    double fromUnit(double u) {
        double t = internalLow + clampUnit(u) * internalWidth;
        return Math.min(Math.max(external(t), low), high);
    }

    private double internal(double x) {
        return switch (type) {
            case LINEAR -> x;
            case LOGARITHMIC -> Math.log(x);
            // log1p keeps precision for x near 0, where 1-x would round.
            case REVERSE_LOGARITHMIC -> -Math.log1p(-x);
            case AUTO -> throw new IllegalStateException();
        };
    }

    private double external(double t) {
        return switch (type) {
            case LINEAR -> t;
            case LOGARITHMIC -> Math.exp(t);
            case REVERSE_LOGARITHMIC -> -Math.expm1(-t);
            case AUTO -> throw new IllegalStateException();
        };
    }

    static double clampUnit(double u) {
        if (!(u >= 0)) {
            return 0; // also maps NaN to the lower bound rather than propagating it into a configuration
        }
        return Math.min(u, 1);
    }
}
