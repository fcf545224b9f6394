package dev.kiln.hpo.sampler;

import dev.kiln.hpo.space.CategoricalParameterRange;
import dev.kiln.hpo.space.Configuration;
import dev.kiln.hpo.space.ContinuousParameterRange;
import dev.kiln.hpo.space.IntegerParameterRange;
import dev.kiln.hpo.space.ScalingType;
import dev.kiln.hpo.space.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BayesianSamplerTest {
    static final SearchSpace BRANIN_SPACE = SearchSpace.of(
            new ContinuousParameterRange("x1", -5, 10, ScalingType.LINEAR),
            new ContinuousParameterRange("x2", 0, 15, ScalingType.LINEAR));
    static final double BRANIN_MIN = 0.397887;

    static double branin(Configuration c) {
        double x1 = c.continuous("x1");
        double x2 = c.continuous("x2");
        double u = x2 - 5.1 / (4 * Math.PI * Math.PI) * x1 * x1 + 5 / Math.PI * x1 - 6;
        return u * u + 10 * (1 - 1 / (8 * Math.PI)) * Math.cos(x1) + 10;
    }

    /** Runs the sampler sequentially and returns the best objective found. */
    static double optimise(Sampler sampler, ToDoubleFunction<Configuration> f, int trials) {
        for (int i = 0; i < trials; i++) {
            Trial t = sampler.ask();
            sampler.tell(t.id(), f.applyAsDouble(t.configuration()));
        }
        return sampler.best().orElseThrow().objective();
    }

    private static List<Configuration> history(long seed, int trials) {
        BayesianSampler sampler = new BayesianSampler(BRANIN_SPACE, Direction.MINIMIZE, seed);
        optimise(sampler, BayesianSamplerTest::branin, trials);
        return sampler.observations().stream().map(Observation::configuration).toList();
    }

    @Test
    void sameSeedAndResultsGiveTheSameSuggestions() {
        assertEquals(history(17, 12), history(17, 12));
    }

    @Test
    void pendingTrialsSpreadParallelAsksApart() {
        BayesianSampler sampler = new BayesianSampler(BRANIN_SPACE, Direction.MINIMIZE, 4);
        optimise(sampler, BayesianSamplerTest::branin, 10);
        List<double[]> asked = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            asked.add(BRANIN_SPACE.encode(sampler.ask().configuration()));
        }
        for (int i = 0; i < asked.size(); i++) {
            for (int j = 0; j < i; j++) {
                double d = Math.hypot(asked.get(i)[0] - asked.get(j)[0], asked.get(i)[1] - asked.get(j)[1]);
                assertTrue(d > 0.02, "parallel suggestions " + i + " and " + j + " are " + d + " apart");
            }
        }
        assertEquals(4, sampler.pendingTrials().size());
    }

    @Test
    void warmStartSkipsTheRandomPhase() {
        RandomSampler source = new RandomSampler(BRANIN_SPACE, Direction.MINIMIZE, 9);
        optimise(source, BayesianSamplerTest::branin, 8);
        BayesianSampler sampler = new BayesianSampler(BRANIN_SPACE, Direction.MINIMIZE, 9);
        assertEquals(8, sampler.warmStart(source.observations()));
        assertNull(sampler.hyperparameters());
        sampler.ask();
        assertNotNull(sampler.hyperparameters(), "the first suggestion already used the model");
    }

    @Test
    void handlesIntegerAndCategoricalRangesAndMaximisation() {
        SearchSpace space = SearchSpace.of(
                new ContinuousParameterRange("lr", 1e-4, 1e-1, ScalingType.AUTO),
                new IntegerParameterRange("layers", 1, 6, ScalingType.LINEAR),
                new CategoricalParameterRange("act", List.of("relu", "tanh", "gelu")));
        // Best at lr = 1e-2, layers = 4, act = gelu; maximised.
        ToDoubleFunction<Configuration> accuracy = c -> {
            double dl = Math.log10(c.continuous("lr")) + 2;
            double dk = c.integer("layers") - 4;
            return 1 - dl * dl / 4 - dk * dk / 20 - (c.categorical("act").equals("gelu") ? 0 : 0.3);
        };
        BayesianSampler sampler = new BayesianSampler(space, Direction.MAXIMIZE, 2);
        optimise(sampler, accuracy, 30);
        Configuration best = sampler.best().orElseThrow().configuration();
        assertTrue(sampler.observations().stream().allMatch(o -> space.contains(o.configuration())));
        assertEquals("gelu", best.categorical("act"));
        assertEquals(4, best.integer("layers"));
        assertTrue(sampler.best().orElseThrow().objective() > 0.95, "found near the optimum: " + best);
    }

    @Test
    void beatsRandomSearchOnBraninAfterFortyTrials() {
        int seeds = 5;
        double[] bayesian = new double[seeds];
        double[] random = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            bayesian[s] = optimise(new BayesianSampler(BRANIN_SPACE, Direction.MINIMIZE, s),
                    BayesianSamplerTest::branin, 40) - BRANIN_MIN;
            random[s] = optimise(new RandomSampler(BRANIN_SPACE, Direction.MINIMIZE, s),
                    BayesianSamplerTest::branin, 40) - BRANIN_MIN;
        }
        double medianBayesian = median(bayesian);
        double medianRandom = median(random);
        assertTrue(medianBayesian * 10 < medianRandom,
                "median regret Bayesian " + medianBayesian + " vs Random " + medianRandom);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
