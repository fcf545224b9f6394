package dev.kiln.hpo.space;

import dev.kiln.api.error.ValidationException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScalingTypeTest {

    @Test
    void autoPicksLogarithmicForRangesSpanningTwoOrdersOfMagnitude() {
        assertEquals(ScalingType.LOGARITHMIC, ScalingType.AUTO.resolve(1e-5, 1e-1, true));
        assertEquals(ScalingType.LOGARITHMIC, ScalingType.AUTO.resolve(1, 100, false));
        assertEquals(ScalingType.LINEAR, ScalingType.AUTO.resolve(1, 99, false));
        assertEquals(ScalingType.LINEAR, ScalingType.AUTO.resolve(0, 1000, false), "log needs min > 0");
    }

    @Test
    void autoPicksReverseLogarithmicForContinuousRangesHuggingOne() {
        assertEquals(ScalingType.REVERSE_LOGARITHMIC, ScalingType.AUTO.resolve(0.9, 0.999, true));
        assertEquals(ScalingType.REVERSE_LOGARITHMIC, ScalingType.AUTO.resolve(0.0, 0.99, true));
        assertEquals(ScalingType.LINEAR, ScalingType.AUTO.resolve(0.9, 0.99, true), "ratio 10 only");
        assertEquals(ScalingType.LINEAR, ScalingType.AUTO.resolve(0.0, 0.99, false), "never for integers");
    }

    @Test
    void explicitTypesAreKept() {
        assertEquals(ScalingType.LINEAR, ScalingType.LINEAR.resolve(1e-5, 1, true));
        assertEquals(ScalingType.LOGARITHMIC, ScalingType.LOGARITHMIC.resolve(1, 2, true));
    }

    @Test
    void wireNamesRoundTripAndNullMeansAuto() {
        for (ScalingType t : ScalingType.values()) {
            assertEquals(t, ScalingType.fromWire(t.wireName()));
        }
        assertEquals(ScalingType.AUTO, ScalingType.fromWire(null));
        assertThrows(ValidationException.class, () -> ScalingType.fromWire("Log"));
    }
}
