package dev.kiln.hpo.sampler.gp;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

class GpFitterTest {

    @Test
    void lengthScalesSeparateRelevantFromIrrelevantInputs() {
        SplittableRandom random = new SplittableRandom(11);
        int n = 40;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[]{random.nextDouble(), random.nextDouble()};
            y[i] = Math.sin(5 * x[i][0]); // the second coordinate does not matter
        }
        GpHyperparameters h = new GpFitter(new int[]{0, 1}, 2)
                .fit(x, y, GpHyperparameters.initial(2), 2, 400, random);
        double[] ls = h.lengthScales();
        assertTrue(ls[1] > 3 * ls[0], "irrelevant input gets a much longer length scale: " + h);
    }

    @Test
    void noisyDataAreFittedWithNoise() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 60;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[]{random.nextDouble()};
            y[i] = x[i][0] + 0.3 * random.nextGaussian();
        }
        GpHyperparameters h = new GpFitter(new int[]{0}, 1).fit(x, y, GpHyperparameters.initial(1), 1, 400, random);
        assertTrue(h.noiseVariance() > 0.02, "noise is recognised: " + h);
    }

    @Test
    void fitImprovesOnItsStartingPoint() {
        SplittableRandom random = new SplittableRandom(8);
        double[][] x = new double[25][];
        double[] y = new double[25];
        for (int i = 0; i < x.length; i++) {
            x[i] = new double[]{random.nextDouble(), random.nextDouble()};
            y[i] = Math.cos(4 * x[i][0]) * x[i][1];
        }
        GpFitter fitter = new GpFitter(new int[]{0, 1}, 2);
        GpHyperparameters start = new GpHyperparameters(new double[]{5, 5}, 0.1, 0.5);
        GpHyperparameters fitted = fitter.fit(x, y, start, 0, 300, random);
        assertTrue(fitter.logPosterior(x, y, fitted.toLog()) > fitter.logPosterior(x, y, start.toLog()) + 1);
    }
}
