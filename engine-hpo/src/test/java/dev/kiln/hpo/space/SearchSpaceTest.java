package dev.kiln.hpo.space;

import dev.kiln.api.error.ValidationException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchSpaceTest {
    private static final ContinuousParameterRange LR =
            new ContinuousParameterRange("learning_rate", 1e-5, 1e-1, ScalingType.LOGARITHMIC);
    private static final ContinuousParameterRange MOMENTUM =
            new ContinuousParameterRange("momentum", 0.9, 0.999, ScalingType.REVERSE_LOGARITHMIC);
    private static final IntegerParameterRange LAYERS =
            new IntegerParameterRange("layers", 1, 8, ScalingType.LINEAR);
    private static final IntegerParameterRange BATCH =
            new IntegerParameterRange("batch", 16, 1024, ScalingType.LOGARITHMIC);
    private static final CategoricalParameterRange OPTIMIZER =
            new CategoricalParameterRange("optimizer", List.of("sgd", "adam", "rmsprop"));
    private static final SearchSpace SPACE = SearchSpace.of(LR, MOMENTUM, LAYERS, BATCH, OPTIMIZER);

    private static Configuration config(Object... nameValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            values.put((String) nameValues[i], nameValues[i + 1]);
        }
        return new Configuration(values);
    }

    @Test
    void modelSpaceHasOneCoordinatePerNumericRangeAndOnePerCategory() {
        assertEquals(1 + 1 + 1 + 1 + 3, SPACE.dimensions());
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 4, 4}, SPACE.coordinateRanges());
    }

    @Test
    void configurationsRoundTripThroughTheUnitCube() {
        Configuration c = config("learning_rate", 3.2e-4, "momentum", 0.95, "layers", 5L, "batch", 100L,
                "optimizer", "adam");
        double[] point = SPACE.encode(c);
        for (double u : point) {
            assertTrue(u >= 0 && u <= 1, "in the unit cube: " + u);
        }
        assertArrayEquals(new double[]{0, 1, 0}, new double[]{point[4], point[5], point[6]}, "one-hot");
        Configuration back = SPACE.decode(point);
        assertEquals(3.2e-4, back.continuous("learning_rate"), 1e-15);
        assertEquals(0.95, back.continuous("momentum"), 1e-14);
        assertEquals(5L, back.integer("layers"));
        assertEquals(100L, back.integer("batch"));
        assertEquals("adam", back.categorical("optimizer"));
    }

    @Test
    void logarithmicScalingSpendsEqualUnitLengthOnEachDecade() {
        SearchSpace space = SearchSpace.of(LR);
        assertEquals(0.25, space.encode(config("learning_rate", 1e-4))[0], 1e-12);
        assertEquals(0.5, space.encode(config("learning_rate", 1e-3))[0], 1e-12);
        assertEquals(1e-2, space.decode(new double[]{0.75}).continuous("learning_rate"), 1e-15);
    }

    @Test
    void reverseLogarithmicScalingUsesMinusLogOfOneMinusX() {
        // -ln(1-x) is linear in the unit interval: 0.9 -> 0, 0.99 -> 0.5, 0.999 -> 1 (equal steps towards 1).
        SearchSpace space = SearchSpace.of(MOMENTUM);
        assertEquals(0.0, space.encode(config("momentum", 0.9))[0], 1e-12);
        assertEquals(0.5, space.encode(config("momentum", 0.99))[0], 1e-9);
        assertEquals(0.99, space.decode(new double[]{0.5}).continuous("momentum"), 1e-12);
        assertEquals(0.999, space.decode(new double[]{1}).continuous("momentum"), 1e-15);
    }

    @Test
    void reverseLogarithmicKeepsPrecisionNearZeroAndNeverReachesOne() {
        SearchSpace space = SearchSpace.of(new ContinuousParameterRange("p", 0, 0.999999, ScalingType.REVERSE_LOGARITHMIC));
        double tiny = 1e-12;
        Configuration back = space.decode(space.encode(config("p", tiny)));
        assertEquals(tiny, back.continuous("p"), 1e-24);
        double top = space.decode(new double[]{1}).continuous("p");
        assertTrue(top < 1 && top <= 0.999999, "stays below 1: " + top);
    }

    @Test
    void integersRoundAfterUnscalingAndStayInRange() {
        SearchSpace space = SearchSpace.of(LAYERS);
        for (long v = 1; v <= 8; v++) {
            assertEquals(v, space.decode(space.encode(config("layers", v))).integer("layers"));
        }
        assertEquals(1L, space.decode(new double[]{0}).integer("layers"));
        assertEquals(8L, space.decode(new double[]{1}).integer("layers"));
        assertEquals(8L, space.decode(new double[]{7}).integer("layers"), "clamped");
        assertEquals(1L, space.decode(new double[]{-3}).integer("layers"), "clamped");
    }

    @Test
    void everyIntegerGetsAnEqualShareIncludingTheEndPoints() {
        SearchSpace space = SearchSpace.of(new IntegerParameterRange("k", 0, 3, ScalingType.LINEAR));
        int[] counts = new int[4];
        int draws = 40_000;
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < draws; i++) {
            counts[(int) space.decode(space.randomPoint(random)).integer("k")]++;
        }
        for (int count : counts) {
            assertEquals(0.25, count / (double) draws, 0.015);
        }
    }

    @Test
    void logarithmicIntegersRoundTripEveryValue() {
        SearchSpace space = SearchSpace.of(BATCH);
        for (long v = 16; v <= 1024; v++) {
            assertEquals(v, space.decode(space.encode(config("batch", v))).integer("batch"));
        }
    }

    @Test
    void projectionSnapsToTheDecodedPointAndIsIdempotent() {
        double[] raw = {0.3, 0.7, 0.41, 0.66, 0.2, 0.9, 0.5};
        double[] projected = raw.clone();
        SPACE.project(projected);
        assertArrayEquals(SPACE.encode(SPACE.decode(raw)), projected, 1e-12);
        assertEquals(SPACE.decode(raw), SPACE.decode(projected));
        double[] again = projected.clone();
        SPACE.project(again);
        assertArrayEquals(projected, again, 0);
        assertArrayEquals(new double[]{0, 1, 0}, new double[]{projected[4], projected[5], projected[6]});
    }

    @Test
    void degenerateRangesDecodeToTheirSingleValue() {
        SearchSpace space = SearchSpace.of(new ContinuousParameterRange("c", 2.5, 2.5, ScalingType.AUTO),
                new IntegerParameterRange("i", 4, 4, ScalingType.AUTO));
        Configuration c = space.decode(new double[]{0.9, 0.1});
        assertEquals(2.5, c.continuous("c"));
        assertEquals(4L, c.integer("i"));
    }

    @Test
    void hyperParametersAreFormattedAsSageMakerPassesThem() {
        Configuration c = config("learning_rate", 1e-5, "momentum", 0.95, "layers", 5L, "batch", 100L,
                "optimizer", "adam");
        assertEquals(Map.of("learning_rate", "0.00001", "momentum", "0.95", "layers", "5", "batch", "100",
                "optimizer", "adam"), c.hyperParameters());
    }

    @Test
    void containsChecksNamesTypesAndRanges() {
        assertTrue(SPACE.contains(config("learning_rate", 1e-3, "momentum", 0.95, "layers", 2L, "batch", 64L,
                "optimizer", "sgd")));
        assertFalse(SPACE.contains(config("learning_rate", 1.0, "momentum", 0.95, "layers", 2L, "batch", 64L,
                "optimizer", "sgd")), "out of range");
        assertFalse(SPACE.contains(config("learning_rate", 1e-3, "momentum", 0.95, "layers", 2L, "batch", 64L,
                "optimizer", "adagrad")), "unknown category");
        assertFalse(SPACE.contains(config("learning_rate", 1e-3)), "missing ranges");
        assertThrows(IllegalArgumentException.class, () -> SPACE.encode(config("learning_rate", 1e-3)));
    }

    @Test
    void invalidRangesAreRejectedWithValidationErrors() {
        assertThrows(ValidationException.class,
                () -> new ContinuousParameterRange("a", 1, 0, ScalingType.LINEAR));
        assertThrows(ValidationException.class,
                () -> new ContinuousParameterRange("a", 0, 1, ScalingType.LOGARITHMIC));
        assertThrows(ValidationException.class,
                () -> new ContinuousParameterRange("a", 0.5, 1.0, ScalingType.REVERSE_LOGARITHMIC));
        assertThrows(ValidationException.class,
                () -> new ContinuousParameterRange("a", -0.1, 0.5, ScalingType.REVERSE_LOGARITHMIC));
        assertThrows(ValidationException.class,
                () -> new IntegerParameterRange("a", 0, 10, ScalingType.REVERSE_LOGARITHMIC));
        assertThrows(ValidationException.class,
                () -> new IntegerParameterRange("a", 0, 10, ScalingType.LOGARITHMIC));
        assertThrows(ValidationException.class,
                () -> new ContinuousParameterRange("a", Double.NaN, 1, ScalingType.LINEAR));
        assertThrows(ValidationException.class, () -> new CategoricalParameterRange("a", List.of()));
        assertThrows(ValidationException.class, () -> new CategoricalParameterRange("a", List.of("x", "x")));
        assertThrows(ValidationException.class, () -> SearchSpace.of(LAYERS, LAYERS));
        assertThrows(ValidationException.class, () -> new SearchSpace(List.of()));
    }

    @Test
    void moreThanThirtyRangesAreRejected() {
        List<ParameterRange> ranges = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            ranges.add(new IntegerParameterRange("p" + i, 0, 1, ScalingType.AUTO));
        }
        assertThrows(ValidationException.class, () -> new SearchSpace(ranges));
    }

    @Test
    void rangesParseFromRequestStrings() {
        IntegerParameterRange i = IntegerParameterRange.parse("epochs", "1", "50", null);
        assertEquals(new IntegerParameterRange("epochs", 1, 50, ScalingType.AUTO), i);
        ContinuousParameterRange c = ContinuousParameterRange.parse("eta", "0.001", "0.5", "Logarithmic");
        assertEquals(ScalingType.LOGARITHMIC, c.resolvedScaling());
        ValidationException e = assertThrows(ValidationException.class,
                () -> IntegerParameterRange.parse("epochs", "1.5", "50", "Linear"));
        assertTrue(e.getMessage().contains("epochs"), e.getMessage());
        assertThrows(ValidationException.class, () -> ContinuousParameterRange.parse("eta", "x", "1", "Linear"));
        assertThrows(ValidationException.class, () -> ContinuousParameterRange.parse("eta", "0", "Infinity", null));
    }
}
