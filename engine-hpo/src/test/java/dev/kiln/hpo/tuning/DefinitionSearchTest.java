package dev.kiln.hpo.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.hpo.hyperband.Hyperband;
import dev.kiln.hpo.pruner.Decision;
import dev.kiln.hpo.sampler.BayesianSampler;
import dev.kiln.hpo.sampler.Direction;
import dev.kiln.hpo.sampler.GridSampler;
import dev.kiln.hpo.sampler.RandomSampler;
import dev.kiln.hpo.space.CategoricalParameterRange;
import dev.kiln.hpo.space.ContinuousParameterRange;
import dev.kiln.hpo.space.ScalingType;
import dev.kiln.hpo.space.SearchSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Adopting earlier trials after a restart puts each search back where it was. */
class DefinitionSearchTest {
    private static final SearchSpace X = SearchSpace.of(new ContinuousParameterRange("x", 0, 1, ScalingType.LINEAR));

    @Test
    void randomSearchAdoptsItsTrialsAndContinuesTheSameSequence() {
        SamplerSearch first = new SamplerSearch(new RandomSampler(X, Direction.MINIMIZE, 3), true, null);
        List<Map<String, String>> run = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            run.add(first.propose(i).orElseThrow().hyperParameters());
        }
        SamplerSearch resumed = new SamplerSearch(new RandomSampler(X, Direction.MINIMIZE, 3), true, null);
        for (int i = 1; i <= 3; i++) {
            resumed.adopt(i, run.get(i - 1));
            resumed.finish(i, OptionalDouble.of(i));
        }
        assertEquals(run.get(3), resumed.propose(4).orElseThrow().hyperParameters());
        assertEquals(run.get(4), resumed.propose(5).orElseThrow().hyperParameters());
    }

    @Test
    void gridAdoptsItsTrialsAndRunsOnlyTheRest() {
        SearchSpace ab = SearchSpace.of(new CategoricalParameterRange("a", List.of("1", "2", "3")));
        SamplerSearch resumed = new SamplerSearch(new GridSampler(ab, Direction.MINIMIZE), true, null);
        resumed.adopt(1, Map.of("a", "1"));
        resumed.adopt(2, Map.of("a", "2"));
        resumed.finish(1, OptionalDouble.empty());
        assertEquals(Map.of("a", "3"), resumed.propose(3).orElseThrow().hyperParameters());
        assertTrue(resumed.exhausted());
    }

    @Test
    void bayesianSearchTakesAdoptedTrialsBackAsObservations() {
        BayesianSampler sampler = new BayesianSampler(X, Direction.MINIMIZE, 1);
        SamplerSearch s = new SamplerSearch(sampler, false, null);
        s.adopt(1, Map.of("x", "0.25"));
        s.adopt(2, Map.of("x", "0.75"));
        s.finish(1, OptionalDouble.of(0.1));
        s.finish(2, OptionalDouble.empty());
        assertEquals(1, sampler.observations().size());
        assertEquals(0.1, sampler.best().orElseThrow().objective());
    }

    @Test
    void hyperbandReplaysBracketsAndStopsAtRungs() {
        HyperbandSearch first = new HyperbandSearch(Hyperband.random(X, Direction.MINIMIZE, 5, 1, 9));
        HyperbandSearch resumed = new HyperbandSearch(Hyperband.random(X, Direction.MINIMIZE, 5, 1, 9));
        for (int i = 1; i <= 4; i++) {
            var p = first.propose(i).orElseThrow();
            resumed.adopt(i, p.hyperParameters());
        }
        assertEquals(first.propose(5).orElseThrow(), resumed.propose(5).orElseThrow());
        // Two trials in bracket 0 reach its first rung (1 epoch); the worse second one is stopped there.
        HyperbandSearch hb = new HyperbandSearch(Hyperband.random(X, Direction.MINIMIZE, 5, 1, 9));
        List<Integer> bracketZero = new ArrayList<>();
        for (int i = 1; bracketZero.size() < 2; i++) {
            if (hb.propose(i).orElseThrow().bracket() == 0) {
                bracketZero.add(i);
            }
        }
        assertEquals(Decision.CONTINUE, hb.observe(bracketZero.get(0), 1, 0.1));
        assertEquals(Decision.STOP, hb.observe(bracketZero.get(1), 1, 0.5));
        hb.finish(bracketZero.get(1), OptionalDouble.of(0.5)); // already told: finishing again changes nothing
    }
}
