package dev.kiln.hpo.sampler.gp;

import java.util.Arrays;

/**
 * Hyperparameters of a Matern 5/2 Gaussian process with automatic relevance determination: one length scale
 * per group of input coordinates (a numeric range, or all one-hot coordinates of a categorical range), the
 * signal variance and the observation-noise variance, all in units of the normalised inputs and targets.
 */
public record GpHyperparameters(double[] lengthScales, double signalVariance, double noiseVariance) {

    public GpHyperparameters {
        lengthScales = lengthScales.clone();
        for (double l : lengthScales) {
            if (!(l > 0) || !Double.isFinite(l)) {
                throw new IllegalArgumentException("length scales must be positive: " + Arrays.toString(lengthScales));
            }
        }
        if (!(signalVariance > 0) || !(noiseVariance >= 0)) {
            throw new IllegalArgumentException("variances must be positive: " + signalVariance + ", " + noiseVariance);
        }
    }

    /** A neutral starting point: unit signal, length scale 0.5 (half the unit cube), small noise. */
    public static GpHyperparameters initial(int groups) {
        double[] ls = new double[groups];
        Arrays.fill(ls, 0.5);
        return new GpHyperparameters(ls, 1.0, 1e-2);
    }

    @Override
    public double[] lengthScales() {
        return lengthScales.clone();
    }

    /** Number of length-scale groups. */
    public int groups() {
        return lengthScales.length;
    }

    /** Packs into the optimizer's vector: log length scales, log signal variance, log noise variance. */
    double[] toLog() {
        double[] theta = new double[lengthScales.length + 2];
        for (int i = 0; i < lengthScales.length; i++) {
            theta[i] = Math.log(lengthScales[i]);
        }
        theta[lengthScales.length] = Math.log(signalVariance);
        theta[lengthScales.length + 1] = Math.log(noiseVariance);
        return theta;
    }

    static GpHyperparameters fromLog(double[] theta) {
        int g = theta.length - 2;
        double[] ls = new double[g];
        for (int i = 0; i < g; i++) {
            ls[i] = Math.exp(theta[i]);
        }
        return new GpHyperparameters(ls, Math.exp(theta[g]), Math.exp(theta[g + 1]));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GpHyperparameters h && Arrays.equals(lengthScales, h.lengthScales)
                && signalVariance == h.signalVariance && noiseVariance == h.noiseVariance;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(lengthScales) + Double.hashCode(signalVariance) + Double.hashCode(noiseVariance);
    }

    @Override
    public String toString() {
        return "GpHyperparameters[lengthScales=" + Arrays.toString(lengthScales) + ", signalVariance="
                + signalVariance + ", noiseVariance=" + noiseVariance + "]";
    }
}
