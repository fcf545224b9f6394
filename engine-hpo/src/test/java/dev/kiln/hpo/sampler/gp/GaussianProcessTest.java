package dev.kiln.hpo.sampler.gp;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GaussianProcessTest {
    private static final int[] ONE_GROUP = {0};

    private static double f(double x) {
        return Math.sin(6 * x) + 0.5 * x;
    }

    private static double[][] column(double... xs) {
        double[][] out = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            out[i] = new double[]{xs[i]};
        }
        return out;
    }

    @Test
    void fittedModelRecoversASmoothOneDimensionalFunction() {
        double[] xs = new double[12];
        double[] ys = new double[12];
        for (int i = 0; i < xs.length; i++) {
            xs[i] = i / 11.0;
            ys[i] = f(xs[i]);
        }
        double[][] x = column(xs);
        GpHyperparameters h = new GpFitter(ONE_GROUP, 1)
                .fit(x, ys, GpHyperparameters.initial(1), 2, 400, new SplittableRandom(1));
        GaussianProcess gp = GaussianProcess.fit(x, ys, ONE_GROUP, h);

        double[][] grid = new double[101][];
        for (int i = 0; i <= 100; i++) {
            grid[i] = new double[]{i / 100.0};
        }
        double[] mean = new double[grid.length];
        double[] var = new double[grid.length];
        gp.predict(grid, mean, var);
        for (int i = 0; i < grid.length; i++) {
            assertEquals(f(grid[i][0]), mean[i], 0.03, "at " + grid[i][0]);
        }
        assertTrue(h.noiseVariance() < 1e-3, "noiseless data fit with little noise: " + h);
    }

    @Test
    void noiselessModelInterpolatesAndExpectedImprovementVanishesAtObservedPoints() {
        double[][] x = column(0.1, 0.35, 0.6, 0.9);
        double[] y = {0.3, -1.0, 0.8, 0.1};
        GaussianProcess gp = GaussianProcess.fit(x, y, ONE_GROUP, new GpHyperparameters(new double[]{0.3}, 1, 1e-10));
        double[] mean = new double[x.length];
        double[] var = new double[x.length];
        gp.predict(x, mean, var);
        double best = -1.0;
        for (int i = 0; i < x.length; i++) {
            assertEquals(y[i], mean[i], 1e-6);
            assertTrue(var[i] < 1e-8, "variance at an observed point: " + var[i]);
            assertEquals(0, ExpectedImprovement.value(mean[i], Math.sqrt(var[i]), best), 1e-5);
        }
        double[] m = new double[1];
        double[] v = new double[1];
        gp.predict(column(0.3), m, v);
        assertTrue(ExpectedImprovement.value(m[0], Math.sqrt(v[0]), best) > 1e-3, "near the best, EI is positive");
    }

    @Test
    void appendingPointsMatchesFittingThemFromScratch() {
        SplittableRandom random = new SplittableRandom(5);
        int[] groups = {0, 1, 2};
        GpHyperparameters h = new GpHyperparameters(new double[]{0.4, 0.7, 0.2}, 1.3, 1e-3);
        double[][] x = new double[20][];
        double[] y = new double[20];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[]{random.nextDouble(), random.nextDouble(), random.nextDouble()};
            y[i] = random.nextGaussian();
        }
        double[][] head = java.util.Arrays.copyOf(x, 15);
        double[] headY = java.util.Arrays.copyOf(y, 15);
        GaussianProcess appended = GaussianProcess.fit(head, headY, groups, h)
                .withObservations(List.of(x[15], x[16], x[17], x[18], x[19]), new double[]{y[15], y[16], y[17], y[18], y[19]});
        GaussianProcess full = GaussianProcess.fit(x, y, groups, h);

        double[][] probe = new double[10][];
        for (int i = 0; i < probe.length; i++) {
            probe[i] = new double[]{random.nextDouble(), random.nextDouble(), random.nextDouble()};
        }
        double[] m1 = new double[10];
        double[] v1 = new double[10];
        double[] m2 = new double[10];
        double[] v2 = new double[10];
        appended.predict(probe, m1, v1);
        full.predict(probe, m2, v2);
        for (int i = 0; i < probe.length; i++) {
            assertEquals(m2[i], m1[i], 1e-9);
            assertEquals(v2[i], v1[i], 1e-9);
        }
        assertEquals(full.logMarginalLikelihood(), appended.logMarginalLikelihood(), 1e-8);
    }

    @Test
    void logMarginalLikelihoodMatchesTheClosedFormForTwoPoints() {
        double[][] x = column(0.0, 0.5);
        double[] y = {1.0, -0.5};
        GpHyperparameters h = new GpHyperparameters(new double[]{0.5}, 2.0, 0.1);
        double k12 = GaussianProcess.matern52(1.0, 2.0); // scaled distance (0.5 / 0.5)^2 = 1
        double a = 2.1;
        double det = a * a - k12 * k12;
        double quad = (a * y[0] * y[0] - 2 * k12 * y[0] * y[1] + a * y[1] * y[1]) / det;
        double expected = -0.5 * quad - 0.5 * Math.log(det) - Math.log(2 * Math.PI);
        assertEquals(expected, GaussianProcess.fit(x, y, ONE_GROUP, h).logMarginalLikelihood(), 1e-12);
    }

    @Test
    void duplicatePointsWithoutNoiseStillFactorise() {
        double[][] x = column(0.5, 0.5, 0.5);
        double[] y = {1, 1, 1};
        GaussianProcess gp = GaussianProcess.fit(x, y, ONE_GROUP, new GpHyperparameters(new double[]{0.2}, 1, 0));
        assertTrue(gp.noiseVariance() > 0, "jitter was added");
        assertTrue(Double.isFinite(gp.logMarginalLikelihood()));
    }
}
