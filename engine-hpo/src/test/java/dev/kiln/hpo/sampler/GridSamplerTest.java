package dev.kiln.hpo.sampler;

import dev.kiln.api.error.ValidationException;
import dev.kiln.hpo.space.CategoricalParameterRange;
import dev.kiln.hpo.space.Configuration;
import dev.kiln.hpo.space.IntegerParameterRange;
import dev.kiln.hpo.space.ScalingType;
import dev.kiln.hpo.space.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GridSamplerTest {
    private static final SearchSpace SPACE = SearchSpace.of(
            new CategoricalParameterRange("optimizer", List.of("sgd", "adam")),
            new CategoricalParameterRange("batch", List.of("32", "64", "128")),
            new CategoricalParameterRange("act", List.of("relu", "tanh")));

    private static List<Map<String, String>> exhaust(GridSampler grid) {
        List<Map<String, String>> seen = new ArrayList<>();
        while (!grid.isExhausted()) {
            Trial t = grid.ask();
            seen.add(t.configuration().hyperParameters());
            grid.tell(t.id(), seen.size());
        }
        return seen;
    }

    @Test
    void everyCombinationExactlyOnceThenExhausted() {
        GridSampler grid = new GridSampler(SPACE, Direction.MINIMIZE);
        assertEquals(12, grid.size());
        List<Map<String, String>> seen = exhaust(grid);
        assertEquals(12, seen.size());
        assertEquals(12, new HashSet<>(seen).size());
        assertTrue(grid.isExhausted());
        assertThrows(SearchExhaustedException.class, grid::ask);
    }

    @Test
    void orderIsDeterministicWithTheLastRangeVaryingFastest() {
        List<Map<String, String>> seen = exhaust(new GridSampler(SPACE, Direction.MINIMIZE));
        assertEquals(Map.of("optimizer", "sgd", "batch", "32", "act", "relu"), seen.get(0));
        assertEquals(Map.of("optimizer", "sgd", "batch", "32", "act", "tanh"), seen.get(1));
        assertEquals(Map.of("optimizer", "sgd", "batch", "64", "act", "relu"), seen.get(2));
        assertEquals(Map.of("optimizer", "adam", "batch", "128", "act", "tanh"), seen.get(11));
        assertEquals(seen, exhaust(new GridSampler(SPACE, Direction.MINIMIZE)));
    }

    @Test
    void failedAndPendingCombinationsAreNotRepeated() {
        GridSampler grid = new GridSampler(SPACE, Direction.MINIMIZE);
        Trial first = grid.ask();
        Trial second = grid.ask();
        grid.tellFailed(first.id());
        List<Map<String, String>> rest = exhaust(grid);
        assertEquals(10, rest.size());
        assertFalse(rest.contains(first.configuration().hyperParameters()));
        assertFalse(rest.contains(second.configuration().hyperParameters()));
    }

    @Test
    void warmStartedCombinationsAreSkipped() {
        GridSampler grid = new GridSampler(SPACE, Direction.MINIMIZE);
        Configuration done = grid.combination(0);
        grid.warmStart(List.of(new Observation(done, 0.5)));
        List<Map<String, String>> rest = exhaust(grid);
        assertEquals(11, rest.size());
        assertFalse(rest.contains(done.hyperParameters()));
    }

    @Test
    void onlyCategoricalRangesAreAllowed() {
        SearchSpace mixed = SearchSpace.of(new IntegerParameterRange("k", 1, 3, ScalingType.LINEAR));
        assertThrows(ValidationException.class, () -> new GridSampler(mixed, Direction.MINIMIZE));
    }
}
