package dev.kiln.hpo.space;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ValueFormatTest {

    @Test
    void integersHaveNoDecimals() {
        assertEquals("128", ValueFormat.integer(128));
        assertEquals("-3", ValueFormat.integer(-3));
    }

    @Test
    void realsUsePlainNotationAndKeepADecimalPoint() {
        assertEquals("3.0", ValueFormat.continuous(3));
        assertEquals("0.1", ValueFormat.continuous(0.1));
        assertEquals("0.00001", ValueFormat.continuous(1e-5));
        assertEquals("-0.25", ValueFormat.continuous(-0.25));
        assertEquals("0.0", ValueFormat.continuous(0));
        assertEquals("12345678901234567000.0", ValueFormat.continuous(1.2345678901234567e19));
    }

    @Test
    void realsReadBackExactly() {
        double[] values = {Math.PI, 1.0 / 3, 2.718281828459045e-7, 0.999, 123456.789, Math.nextUp(1.0), 4.9e-300};
        for (double v : values) {
            String text = ValueFormat.continuous(v);
            assertEquals(v, Double.parseDouble(text), text);
            assertFalse(text.contains("E"), text);
        }
    }
}
