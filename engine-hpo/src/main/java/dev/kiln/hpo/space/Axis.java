package dev.kiln.hpo.space;

import java.util.List;

/**
 * The model-space coordinates of one range, starting at {@code offset}. Numeric ranges use one coordinate in
 * [0, 1]; a categorical range uses one coordinate per category and is valid when one-hot.
 */
abstract sealed class Axis {
    final int offset;

    Axis(int offset) {
        this.offset = offset;
    }

    abstract ParameterRange range();

    /** Whether {@code value} is a legal value of this range. */
    abstract boolean accepts(Object value);

    abstract void encode(Object value, double[] point);

    abstract Object decode(double[] point);

    /** Snaps the coordinates to the nearest point that {@link #decode} maps back exactly. */
    abstract void project(double[] point);

    static Axis of(ParameterRange range, int offset) {
        if (range instanceof IntegerParameterRange r) {
            return new IntegerAxis(r, offset);
        }
        if (range instanceof ContinuousParameterRange r) {
            return new ContinuousAxis(r, offset);
        }
        return new CategoricalAxis((CategoricalParameterRange) range, offset);
    }

    /**
     * Integers are searched as the interval [min-0.5, max+0.5] and rounded, so every integer owns an equal share
     * of the (scaled) interval, including both end points.
     */
    static final class IntegerAxis extends Axis {
        private final IntegerParameterRange range;
        private final NumericScale scale;

        IntegerAxis(IntegerParameterRange range, int offset) {
            super(offset);
            this.range = range;
            this.scale = new NumericScale(range.resolvedScaling(), range.minValue() - 0.5, range.maxValue() + 0.5);
        }

        @Override
        ParameterRange range() {
            return range;
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof Long v && v >= range.minValue() && v <= range.maxValue();
        }

        @Override
        void encode(Object value, double[] point) {
            point[offset] = scale.toUnit((Long) value);
        }

        @Override
        Object decode(double[] point) {
            long v = Math.round(scale.fromUnit(point[offset]));
            return Math.min(Math.max(v, range.minValue()), range.maxValue());
        }

        @Override
        void project(double[] point) {
            encode(decode(point), point);
        }
    }

    static final class ContinuousAxis extends Axis {
        private final ContinuousParameterRange range;
        private final NumericScale scale;

        ContinuousAxis(ContinuousParameterRange range, int offset) {
            super(offset);
            this.range = range;
            this.scale = new NumericScale(range.resolvedScaling(), range.minValue(), range.maxValue());
        }

        @Override
        ParameterRange range() {
            return range;
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof Double v && v >= range.minValue() && v <= range.maxValue();
        }

        @Override
        void encode(Object value, double[] point) {
            point[offset] = scale.toUnit((Double) value);
        }

        @Override
        Object decode(double[] point) {
            return scale.fromUnit(point[offset]);
        }

        @Override
        void project(double[] point) {
            point[offset] = NumericScale.clampUnit(point[offset]);
        }
    }

    /** One-hot: the category with the largest coordinate wins (the first on ties). */
    static final class CategoricalAxis extends Axis {
        private final CategoricalParameterRange range;

        CategoricalAxis(CategoricalParameterRange range, int offset) {
            super(offset);
            this.range = range;
        }

        @Override
        ParameterRange range() {
            return range;
        }

        @Override
        boolean accepts(Object value) {
            return value instanceof String s && range.values().contains(s);
        }

        @Override
        void encode(Object value, double[] point) {
            oneHot(range.values().indexOf(value), point);
        }

        @Override
        Object decode(double[] point) {
            return range.values().get(winner(point));
        }

        @Override
        void project(double[] point) {
            oneHot(winner(point), point);
        }

        int winner(double[] point) {
            List<String> values = range.values();
            int best = 0;
            for (int i = 1; i < values.size(); i++) {
                if (point[offset + i] > point[offset + best]) {
                    best = i;
                }
            }
            return best;
        }

        private void oneHot(int index, double[] point) {
            for (int i = 0; i < range.values().size(); i++) {
                point[offset + i] = i == index ? 1.0 : 0.0;
            }
        }
    }
}
