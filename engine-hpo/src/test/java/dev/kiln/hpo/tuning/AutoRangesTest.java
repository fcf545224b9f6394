package dev.kiln.hpo.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.api.tuning.AutoParameter;
import dev.kiln.api.tuning.ParameterRanges;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoRangesTest {
    private static ParameterRanges resolve(String name, String hint) {
        return AutoRanges.resolve(new ParameterRanges(null, null, null, List.of(new AutoParameter(name, hint))),
                new ArrayList<>());
    }

    @Test
    void integerHintsSpanADecadeEitherSide() {
        var r = resolve("num_round", "100").integerParameterRanges().get(0);
        assertEquals(List.of("10", "1000", "Auto"), List.of(r.minValue(), r.maxValue(), r.scalingType()));
        var small = resolve("depth", "5").integerParameterRanges().get(0);
        assertEquals(List.of("1", "50"), List.of(small.minValue(), small.maxValue()));
    }

    @Test
    void probabilitiesStayBelowOne() {
        var lr = resolve("lr", "0.001").continuousParameterRanges().get(0);
        assertEquals(List.of("0.0001", "0.01"), List.of(lr.minValue(), lr.maxValue()));
        var dropout = resolve("dropout", "0.5").continuousParameterRanges().get(0);
        assertEquals(List.of("0.05", "0.95"), List.of(dropout.minValue(), dropout.maxValue()));
        var momentum = resolve("momentum", "0.9").continuousParameterRanges().get(0);
        assertEquals(0.99, Double.parseDouble(momentum.maxValue()), 1e-12);
    }

    @Test
    void textHintsBecomeCategories() {
        assertEquals(List.of("true", "false"), resolve("shuffle", "True").categoricalParameterRanges().get(0).values());
        assertEquals(List.of("adam"), resolve("optimizer", "adam").categoricalParameterRanges().get(0).values());
    }
}
