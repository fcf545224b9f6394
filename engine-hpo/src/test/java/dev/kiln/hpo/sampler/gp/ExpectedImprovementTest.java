package dev.kiln.hpo.sampler.gp;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpectedImprovementTest {
    private final NormalDistribution normal = new NormalDistribution();

    @Test
    void normalCdfMatchesCommonsMath() {
        for (double z = -12; z <= 12; z += 0.173) {
            double expected = normal.cumulativeProbability(z);
            assertEquals(expected, ExpectedImprovement.normalCdf(z), Math.max(1e-15, expected * 1e-12), "z=" + z);
        }
    }

    @Test
    void closedFormAgreesWithSimpleCases() {
        // At the incumbent's mean, EI = sd * phi(0).
        assertEquals(2 / Math.sqrt(2 * Math.PI), ExpectedImprovement.value(1, 2, 1), 1e-15);
        // With no uncertainty, EI is the plain improvement.
        assertEquals(0.5, ExpectedImprovement.value(0.5, 0, 1), 0);
        assertEquals(0, ExpectedImprovement.value(1.5, 0, 1), 0);
    }

    @Test
    void logIsTheLogOfTheValueAndSmoothAcrossTheTailSwitch() {
        // The direct form cancels badly below z = -5 (where the continued fraction is used anyway).
        for (double z = -5; z <= 4; z += 0.01) {
            double direct = Math.log(z * ExpectedImprovement.normalCdf(z) + ExpectedImprovement.normalPdf(z));
            assertEquals(direct, ExpectedImprovement.logH(z), 1e-9 * Math.max(1, Math.abs(direct)), "z=" + z);
        }
        // Reference from 50-digit arithmetic (mpmath): log(z Phi(z) + phi(z)) at z = -8.
        assertEquals(-37.122364261692633, ExpectedImprovement.logH(-8), 1e-12);
        assertEquals(Math.log(ExpectedImprovement.value(0.2, 0.7, -0.9)), ExpectedImprovement.log(0.2, 0.7, -0.9),
                1e-12);
    }

    @Test
    void logStaysFiniteAndOrderedWhereTheValueUnderflows() {
        double far = ExpectedImprovement.log(40, 1, 0);
        double farther = ExpectedImprovement.log(60, 1, 0);
        assertEquals(0, ExpectedImprovement.value(40, 1, 0));
        assertTrue(Double.isFinite(far) && Double.isFinite(farther));
        assertTrue(far > farther);
        // h(z) ~ phi(z) / z^2 for large |z|.
        assertEquals(-800 - 0.5 * Math.log(2 * Math.PI) - 2 * Math.log(40), far, 1e-2);
    }
}
