package dev.kiln.hpo.sampler.gp;

import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

import java.util.Arrays;
import java.util.List;

/**
 * A Gaussian-process posterior with a zero prior mean and an ARD Matern 5/2 kernel, conditioned on observations
 * in the unit hypercube. The kernel matrix is factorised once (Commons Math Cholesky) when the posterior is
 * built and then only extended; predictions cost O(n^2) per point and are computed in blocks so that the
 * triangular solves run as vectorisable row updates.
 */
public final class GaussianProcess {
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /** Extra diagonal tried, in multiples of the signal variance, when the kernel matrix is numerically singular. */
    private static final double[] JITTER = {0, 1e-8, 1e-6, 1e-4, 1e-2};
    private static final int BLOCK = 64;

    private final double[] inverseLengths;
    private final double signalVariance;
    private final double noiseVariance;
    private final double[][] inputs; // each row already multiplied by inverseLengths
    private final double[] targets;
    private final CholeskyFactor factor;
    private final double[] alpha;    // K^-1 targets

    private GaussianProcess(double[] inverseLengths, double signalVariance, double noiseVariance,
                            double[][] inputs, double[] targets, CholeskyFactor factor) {
        this.inverseLengths = inverseLengths;
        this.signalVariance = signalVariance;
        this.noiseVariance = noiseVariance;
        this.inputs = inputs;
        this.targets = targets;
        this.factor = factor;
        this.alpha = factor.solve(targets);
    }

    /**
     * Conditions the prior on observations.
     *
     * @param x      points, one row per observation, coordinates in [0, 1]
     * @param y      targets (normalised: the model's prior mean is zero)
     * @param groups for each coordinate, the index of its length scale in {@code h}
     */
    public static GaussianProcess fit(double[][] x, double[] y, int[] groups, GpHyperparameters h) {
        int n = x.length;
        if (y.length != n) {
            throw new IllegalArgumentException(n + " points but " + y.length + " targets");
        }
        double[] inverseLengths = inverseLengths(groups, h);
        double[][] inputs = new double[n][];
        for (int i = 0; i < n; i++) {
            inputs[i] = scale(x[i], inverseLengths);
        }
        double s2 = h.signalVariance();
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double v = matern52(squaredDistance(inputs[i], inputs[j]), s2);
                k[i][j] = v;
                k[j][i] = v;
            }
        }
        NonPositiveDefiniteMatrixException last = null;
        for (double jitter : JITTER) {
            double noise = h.noiseVariance() + jitter * s2;
            for (int i = 0; i < n; i++) {
                k[i][i] = s2 + noise;
            }
            try {
                return new GaussianProcess(inverseLengths, s2, noise, inputs, y.clone(), CholeskyFactor.of(k));
            } catch (NonPositiveDefiniteMatrixException e) {
                last = e;
            }
        }
        throw new IllegalStateException("kernel matrix is not positive definite even with jitter", last);
    }

    /**
     * This posterior with extra observations appended, for example constant-liar values at pending points or
     * new results under unchanged hyperparameters. The factor grows by one row per point (O(n^2) each) instead of
     * being recomputed.
     */
    public GaussianProcess withObservations(List<double[]> x, double[] y) {
        int n = inputs.length;
        int p = x.size();
        double[][] newInputs = Arrays.copyOf(inputs, n + p);
        double[] newTargets = Arrays.copyOf(targets, n + p);
        CholeskyFactor grown = factor;
        for (int a = 0; a < p; a++) {
            int m = n + a;
            double[] z = scale(x.get(a), inverseLengths);
            double[] covariances = new double[m];
            for (int i = 0; i < m; i++) {
                covariances[i] = matern52(squaredDistance(newInputs[i], z), signalVariance);
            }
            grown = grown.append(covariances, signalVariance + noiseVariance);
            newInputs[m] = z;
            newTargets[m] = y[a];
        }
        return new GaussianProcess(inverseLengths, signalVariance, noiseVariance, newInputs, newTargets, grown);
    }

    /** The same points and factor with new targets (for example after re-normalising the objective); O(n^2). */
    public GaussianProcess withTargets(double[] y) {
        if (y.length != inputs.length) {
            throw new IllegalArgumentException(inputs.length + " points but " + y.length + " targets");
        }
        return new GaussianProcess(inverseLengths, signalVariance, noiseVariance, inputs, y.clone(), factor);
    }

    /** Number of conditioning points. */
    public int size() {
        return inputs.length;
    }

    /** The noise variance actually used, including any jitter the factorisation needed. */
    public double noiseVariance() {
        return noiseVariance;
    }

    /** {@code log p(y | X, hyperparameters)}. */
    public double logMarginalLikelihood() {
        double fit = 0;
        for (int i = 0; i < targets.length; i++) {
            fit += targets[i] * alpha[i];
        }
        return -0.5 * fit - 0.5 * factor.logDeterminant() - 0.5 * targets.length * LOG_2PI;
    }

    /**
     * Posterior mean and variance of the latent function (without observation noise) at each candidate.
     *
     * @param candidates points in [0, 1]^d
     * @param mean       receives the means, same length as candidates
     * @param variance   receives the variances (never below zero)
     */
    public void predict(double[][] candidates, double[] mean, double[] variance) {
        int n = inputs.length;
        double[][] v = new double[n][BLOCK];
        double[][] scaled = new double[BLOCK][];
        for (int start = 0; start < candidates.length; start += BLOCK) {
            int m = Math.min(BLOCK, candidates.length - start);
            for (int j = 0; j < m; j++) {
                scaled[j] = scale(candidates[start + j], inverseLengths);
            }
            double[] mu = new double[m];
            for (int i = 0; i < n; i++) {
                double[] row = v[i];
                double[] xi = inputs[i];
                double a = alpha[i];
                for (int j = 0; j < m; j++) {
                    row[j] = matern52(squaredDistance(xi, scaled[j]), signalVariance);
                    mu[j] += a * row[j];
                }
            }
            factor.forwardSolveRows(v, m);
            double[] explained = new double[m];
            for (int i = 0; i < n; i++) {
                double[] row = v[i];
                for (int j = 0; j < m; j++) {
                    explained[j] += row[j] * row[j];
                }
            }
            for (int j = 0; j < m; j++) {
                mean[start + j] = mu[j];
                variance[start + j] = Math.max(signalVariance - explained[j], 0);
            }
        }
    }

    /**
     * Posterior mean and latent variance at one point, without the block set-up of the batch form; for local
     * optimisers that evaluate one point at a time.
     *
     * @return {@code {mean, variance}}
     */
    public double[] predict(double[] point) {
        double[] z = scale(point, inverseLengths);
        int n = inputs.length;
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = matern52(squaredDistance(inputs[i], z), signalVariance);
        }
        double mean = CholeskyFactor.dot(alpha, k, n);
        return new double[]{mean, Math.max(signalVariance - factor.explainedVariance(k), 0)};
    }

    /** The Matern 5/2 kernel at squared scaled distance {@code r2}: s2 (1 + a + a^2/3) e^-a with a = sqrt(5 r2). */
    static double matern52(double r2, double signalVariance) {
        double a = Math.sqrt(5 * r2);
        return signalVariance * (1 + a + a * a / 3) * Math.exp(-a);
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int d = 0; d < a.length; d++) {
            double t = a[d] - b[d];
            s += t * t;
        }
        return s;
    }

    private static double[] scale(double[] x, double[] inverseLengths) {
        if (x.length != inverseLengths.length) {
            throw new IllegalArgumentException("point has " + x.length + " coordinates, model has "
                    + inverseLengths.length);
        }
        double[] out = new double[x.length];
        for (int d = 0; d < x.length; d++) {
            out[d] = x[d] * inverseLengths[d];
        }
        return out;
    }

    private static double[] inverseLengths(int[] groups, GpHyperparameters h) {
        double[] ls = h.lengthScales();
        double[] inv = new double[groups.length];
        for (int d = 0; d < groups.length; d++) {
            inv[d] = 1 / ls[groups[d]];
        }
        return inv;
    }
}
