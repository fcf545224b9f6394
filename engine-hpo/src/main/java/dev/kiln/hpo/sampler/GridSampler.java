package dev.kiln.hpo.sampler;

import dev.kiln.api.error.ValidationException;
import dev.kiln.hpo.space.CategoricalParameterRange;
import dev.kiln.hpo.space.Configuration;
import dev.kiln.hpo.space.SearchSpace;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SageMaker's Grid strategy: every combination of the categorical ranges exactly once, in a fixed order (the
 * last range varies fastest, values in the order given), then exhausted. Only categorical ranges are allowed,
 * as in the service. Combinations already observed through {@link #warmStart} are skipped; failed ones are not
 * retried.
 */
public final class GridSampler extends AbstractSampler {
    private final List<CategoricalParameterRange> ranges;
    private final long size;
    private final Set<Configuration> alreadyObserved = new HashSet<>();
    private long nextIndex;

    public GridSampler(SearchSpace space, Direction direction) {
        super(space, direction);
        if (!space.isCategorical()) {
            throw new ValidationException("The Grid strategy supports only categorical parameter ranges");
        }
        this.ranges = space.ranges().stream().map(CategoricalParameterRange.class::cast).toList();
        long combinations = 1;
        for (CategoricalParameterRange range : ranges) {
            try {
                combinations = Math.multiplyExact(combinations, range.values().size());
            } catch (ArithmeticException e) {
                throw new ValidationException("The Grid strategy's search space has too many combinations");
            }
        }
        this.size = combinations;
    }

    /** The number of combinations in the grid. */
    public long size() {
        return size;
    }

    /** The combination at {@code index} in grid order (0 to {@code size()-1}). */
    public Configuration combination(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("grid index " + index + " of " + size);
        }
        String[] chosen = new String[ranges.size()];
        long rest = index;
        for (int i = ranges.size() - 1; i >= 0; i--) {
            List<String> values = ranges.get(i).values();
            chosen[i] = values.get((int) (rest % values.size()));
            rest /= values.size();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < chosen.length; i++) {
            values.put(ranges.get(i).name(), chosen[i]);
        }
        return new Configuration(values);
    }

    @Override
    public synchronized boolean isExhausted() {
        skipObserved();
        return nextIndex >= size;
    }

    @Override
    protected double[] suggest() {
        skipObserved();
        return space().encode(combination(nextIndex++));
    }

    private void skipObserved() {
        if (alreadyObserved.size() < observationCount()) {
            // Warm-start observations arrived since the last look; remember their configurations.
            observations().forEach(o -> alreadyObserved.add(o.configuration()));
        }
        while (nextIndex < size && alreadyObserved.contains(combination(nextIndex))) {
            nextIndex++;
        }
    }
}
