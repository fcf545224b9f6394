package dev.kiln.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricValuesTest {

    @Test
    void readsDecimalAndScientificNotation() {
        assertEquals(0.25, MetricValues.parse("0.25"));
        assertEquals(-3.0, MetricValues.parse("-3"));
        assertEquals(5.0, MetricValues.parse("+5."));
        assertEquals(0.5, MetricValues.parse(".5"));
        assertEquals(1.0e-4, MetricValues.parse("1e-4"));
        assertEquals(-2.5e10, MetricValues.parse("-2.5E+10"));
        assertEquals(42.0, MetricValues.parse("  42\t"));
    }

    @Test
    void readsSpecialValuesAsPythonFloatDoes() {
        assertTrue(MetricValues.parse("nan").isNaN());
        assertTrue(MetricValues.parse("NaN").isNaN());
        assertEquals(Double.POSITIVE_INFINITY, MetricValues.parse("inf"));
        assertEquals(Double.POSITIVE_INFINITY, MetricValues.parse("+Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, MetricValues.parse("-INF"));
    }

    @Test
    void valuesBeyondDoubleRangeSaturate() {
        assertEquals(Double.POSITIVE_INFINITY, MetricValues.parse("1e999"));
        assertEquals(0.0, MetricValues.parse("1e-999"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", ".", "-", "e5", "1e", "1e+", "1.0f", "2d", "0x1p3", "1,5", "1_000", "12abc",
        "--1", "1.2.3", "infinite", "nanx", "∞", "١٢"})
    void rejectsWhatIsNotANumber(String text) {
        assertNull(MetricValues.parse(text));
    }

    @Test
    void nullCaptureIsNotANumber() {
        assertNull(MetricValues.parse(null));
    }
}
