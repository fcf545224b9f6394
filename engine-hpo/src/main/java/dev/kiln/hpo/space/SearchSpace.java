package dev.kiln.hpo.space;

import dev.kiln.api.error.ValidationException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The hyperparameters a tuning job searches, and the map between their values and the model space that samplers
 * work in: the unit hypercube, one coordinate per numeric range (after its scaling) and one per category of each
 * categorical range (one-hot). Decoding rounds integers and picks the largest categorical coordinate, so any
 * point of the cube decodes to a legal configuration; {@link #project} snaps a point to the one it decodes to.
 */
public final class SearchSpace {
    /** The service's limit on the number of ranges, all kinds together. */
    public static final int MAX_RANGES = 30;

    private final List<ParameterRange> ranges;
    private final List<Axis> axes;
    private final int dimensions;

    public SearchSpace(List<? extends ParameterRange> ranges) {
        if (ranges == null || ranges.isEmpty()) {
            throw new ValidationException("ParameterRanges must contain at least one range");
        }
        if (ranges.size() > MAX_RANGES) {
            throw new ValidationException("ParameterRanges: the number of hyperparameters (" + ranges.size()
                    + ") exceeds the maximum of " + MAX_RANGES);
        }
        Set<String> names = new HashSet<>();
        List<Axis> built = new ArrayList<>();
        int offset = 0;
        for (ParameterRange range : ranges) {
            if (!names.add(range.name())) {
                throw new ValidationException("ParameterRanges: hyperparameter '" + range.name()
                        + "' is defined more than once");
            }
            built.add(Axis.of(range, offset));
            offset += range.width();
        }
        this.ranges = List.copyOf(ranges);
        this.axes = List.copyOf(built);
        this.dimensions = offset;
    }

    /** Convenience for {@code new SearchSpace(List.of(ranges))}. */
    public static SearchSpace of(ParameterRange... ranges) {
        return new SearchSpace(List.of(ranges));
    }

    public List<ParameterRange> ranges() {
        return ranges;
    }

    /** Number of model-space coordinates: numeric ranges count one, categorical ranges one per category. */
    public int dimensions() {
        return dimensions;
    }

    /**
     * For each model-space coordinate, the index of the range it belongs to; a Gaussian process shares one
     * length scale among a categorical range's one-hot coordinates.
     */
    public int[] coordinateRanges() {
        int[] owner = new int[dimensions];
        for (int r = 0; r < axes.size(); r++) {
            Axis axis = axes.get(r);
            for (int k = 0; k < axis.range().width(); k++) {
                owner[axis.offset + k] = r;
            }
        }
        return owner;
    }

    /** Indices of the coordinates that belong to continuous ranges (the ones a local optimiser may move freely). */
    public int[] continuousCoordinates() {
        return axes.stream().filter(a -> a instanceof Axis.ContinuousAxis).mapToInt(a -> a.offset).toArray();
    }

    /** Whether every range is categorical (the only kind a grid search accepts). */
    public boolean isCategorical() {
        return ranges.stream().allMatch(r -> r instanceof CategoricalParameterRange);
    }

    /** The configuration at a model-space point; coordinates outside [0, 1] are clamped. */
    public Configuration decode(double[] point) {
        checkLength(point);
        Map<String, Object> values = new LinkedHashMap<>();
        for (Axis axis : axes) {
            values.put(axis.range().name(), axis.decode(point));
        }
        return new Configuration(values);
    }

    /**
     * The model-space point of a configuration.
     *
     * @throws IllegalArgumentException when a value is missing, of the wrong type or outside its range
     */
    public double[] encode(Configuration configuration) {
        if (!contains(configuration)) {
            throw new IllegalArgumentException("configuration is not in this search space: " + configuration);
        }
        double[] point = new double[dimensions];
        for (Axis axis : axes) {
            axis.encode(configuration.values().get(axis.range().name()), point);
        }
        return point;
    }

    /** Whether the configuration has exactly this space's hyperparameters, each with a legal value. */
    public boolean contains(Configuration configuration) {
        Map<String, Object> values = configuration.values();
        if (values.size() != axes.size()) {
            return false;
        }
        for (Axis axis : axes) {
            if (!axis.accepts(values.get(axis.range().name()))) {
                return false;
            }
        }
        return true;
    }

    /** Snaps {@code point} in place to the valid point it decodes to (rounded integers, one-hot categories). */
    public void project(double[] point) {
        checkLength(point);
        for (Axis axis : axes) {
            axis.project(point);
        }
    }

    /**
     * A valid point drawn uniformly in the scaled space: each numeric range uniform after its scaling, each
     * category equally likely.
     */
    public double[] randomPoint(RandomGenerator random) {
        double[] point = new double[dimensions];
        for (int i = 0; i < dimensions; i++) {
            point[i] = random.nextDouble();
        }
        project(point);
        return point;
    }

    private void checkLength(double[] point) {
        if (point.length != dimensions) {
            throw new IllegalArgumentException("point has " + point.length + " coordinates, space has " + dimensions);
        }
    }

    @Override
    public String toString() {
        return "SearchSpace" + ranges;
    }
}
