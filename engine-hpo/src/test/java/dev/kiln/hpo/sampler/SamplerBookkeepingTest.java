package dev.kiln.hpo.sampler;

import dev.kiln.hpo.space.Configuration;
import dev.kiln.hpo.space.ContinuousParameterRange;
import dev.kiln.hpo.space.ScalingType;
import dev.kiln.hpo.space.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplerBookkeepingTest {
    private static final SearchSpace SPACE = SearchSpace.of(new ContinuousParameterRange("x", 0, 1, ScalingType.LINEAR));

    @Test
    void askedTrialsArePendingUntilToldOrFailed() {
        Sampler sampler = new RandomSampler(SPACE, Direction.MINIMIZE, 1);
        Trial a = sampler.ask();
        Trial b = sampler.ask();
        Trial c = sampler.ask();
        assertEquals(List.of(a, b, c), sampler.pendingTrials());
        sampler.tell(b.id(), 0.5);
        sampler.tellFailed(a.id());
        assertEquals(List.of(c), sampler.pendingTrials());
        assertEquals(1, sampler.observations().size());
    }

    @Test
    void tellingAnUnknownOrFinishedTrialIsAnError() {
        Sampler sampler = new RandomSampler(SPACE, Direction.MINIMIZE, 1);
        Trial a = sampler.ask();
        sampler.tell(a.id(), 1);
        assertThrows(IllegalStateException.class, () -> sampler.tell(a.id(), 2));
        assertThrows(IllegalStateException.class, () -> sampler.tellFailed(a.id()));
        assertThrows(IllegalStateException.class, () -> sampler.tell(99, 2));
        Trial b = sampler.ask();
        assertThrows(IllegalArgumentException.class, () -> sampler.tell(b.id(), Double.NaN));
    }

    @Test
    void bestFollowsTheDirection() {
        Sampler max = new RandomSampler(SPACE, Direction.MAXIMIZE, 1);
        Sampler min = new RandomSampler(SPACE, Direction.MINIMIZE, 1);
        for (double v : new double[]{3, 7, 1, 5}) {
            max.tell(max.ask().id(), v);
            min.tell(min.ask().id(), v);
        }
        assertEquals(7, max.best().orElseThrow().objective());
        assertEquals(1, min.best().orElseThrow().objective());
    }

    @Test
    void warmStartKeepsOnlyObservationsThatFitTheSpace() {
        Sampler sampler = new RandomSampler(SPACE, Direction.MINIMIZE, 1);
        int used = sampler.warmStart(List.of(
                new Observation(new Configuration(Map.of("x", 0.25)), 2.0),
                new Observation(new Configuration(Map.of("x", 1.5)), 1.0),
                new Observation(new Configuration(Map.of("y", 0.5)), 0.5)));
        assertEquals(1, used);
        assertEquals(2.0, sampler.best().orElseThrow().objective());
        assertTrue(sampler.pendingTrials().isEmpty());
    }
}
