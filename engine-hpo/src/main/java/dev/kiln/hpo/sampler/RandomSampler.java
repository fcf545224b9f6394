package dev.kiln.hpo.sampler;

import dev.kiln.hpo.space.SearchSpace;

import java.util.SplittableRandom;

/**
 * Uniform random search in the scaled space (SageMaker's Random strategy). The same seed ({@code RandomSeed})
 * gives the same sequence of configurations, whatever the results told.
 */
public final class RandomSampler extends AbstractSampler {
    private final SplittableRandom random;

    public RandomSampler(SearchSpace space, Direction direction, long seed) {
        super(space, direction);
        this.random = new SplittableRandom(seed);
    }

    @Override
    protected double[] suggest() {
        return space().randomPoint(random);
    }
}
