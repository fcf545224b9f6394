package dev.kiln.hpo.sampler;

import dev.kiln.hpo.space.CategoricalParameterRange;
import dev.kiln.hpo.space.Configuration;
import dev.kiln.hpo.space.ContinuousParameterRange;
import dev.kiln.hpo.space.IntegerParameterRange;
import dev.kiln.hpo.space.ScalingType;
import dev.kiln.hpo.space.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomSamplerTest {
    static final SearchSpace SPACE = SearchSpace.of(
            new ContinuousParameterRange("lr", 1e-4, 1, ScalingType.AUTO),
            new IntegerParameterRange("depth", 2, 12, ScalingType.LINEAR),
            new CategoricalParameterRange("booster", List.of("gbtree", "dart")));

    private static List<Configuration> draw(Sampler sampler, int n) {
        List<Configuration> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Trial t = sampler.ask();
            out.add(t.configuration());
            sampler.tell(t.id(), i % 7);
        }
        return out;
    }

    @Test
    void sameSeedGivesTheSameConfigurations() {
        assertEquals(draw(new RandomSampler(SPACE, Direction.MINIMIZE, 42), 50),
                draw(new RandomSampler(SPACE, Direction.MAXIMIZE, 42), 50));
    }

    @Test
    void differentSeedsGiveDifferentConfigurations() {
        assertNotEquals(draw(new RandomSampler(SPACE, Direction.MINIMIZE, 1), 10),
                draw(new RandomSampler(SPACE, Direction.MINIMIZE, 2), 10));
    }

    @Test
    void logScaledRangeIsSampledUniformlyPerDecade() {
        Sampler sampler = new RandomSampler(SPACE, Direction.MINIMIZE, 3);
        int below = 0;
        int n = 4000;
        for (Configuration c : draw(sampler, n)) {
            double lr = c.continuous("lr");
            assertTrue(lr >= 1e-4 && lr <= 1);
            if (lr < 1e-2) {
                below++;
            }
        }
        // Auto resolves to Logarithmic (1e-4..1 spans four decades): half the draws fall below 1e-2.
        assertEquals(0.5, below / (double) n, 0.03);
    }
}
