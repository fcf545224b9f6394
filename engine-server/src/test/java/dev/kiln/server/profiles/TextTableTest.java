package dev.kiln.server.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void padsColumnsAndRightAlignsFigures() {
        String t = new TextTable(List.of("TYPE", "COST")).alignRight(1)
                .row(List.of("ml.c5.xlarge", "$0.20"))
                .row(List.of("ml.p3.16xlarge", "$28.15"))
                .render();
        assertEquals("""
                TYPE              COST
                --------------  ------
                ml.c5.xlarge     $0.20
                ml.p3.16xlarge  $28.15
                """, t);
    }

    @Test
    void rowsMustHaveACellPerColumn() {
        assertThrows(IllegalArgumentException.class, () -> new TextTable(List.of("A", "B")).row(List.of("x")));
    }

    @Test
    void numbersKeepSixSignificantDigits() {
        assertEquals("0.25", Units.number(0.25));
        assertEquals("3", Units.number(3.0));
        assertEquals("100", Units.number(100.0));
        assertEquals("0.333333", Units.number(1 / 3.0));
        assertEquals("1.5E-7", Units.number(1.5e-7));
        assertEquals("$0.000057", Units.usd(0.204 / 3600));
        assertEquals("$37.69", Units.usd(37.688));
    }
}
