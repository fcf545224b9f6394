package dev.kiln.hpo.sampler.gp;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

import java.util.Arrays;
import java.util.List;

/**
 * A Gaussian-process posterior with a zero prior mean and an ARD Matern 5/2 kernel, conditioned on observations
 * in the unit hypercube. The kernel matrix is factorised once (Commons Math Cholesky) when the posterior is
 * built; predictions then cost O(n^2) per point and are computed in blocks so that the triangular solves run as
 * vectorisable row updates.
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
    private final double[][] lower;  // Cholesky factor rows, lower[i].length == i + 1
    private final double[] alpha;    // K^-1 targets

    private GaussianProcess(double[] inverseLengths, double signalVariance, double noiseVariance,
                            double[][] inputs, double[] targets, double[][] lower) {
        this.inverseLengths = inverseLengths;
        this.signalVariance = signalVariance;
        this.noiseVariance = noiseVariance;
        this.inputs = inputs;
        this.targets = targets;
        this.lower = lower;
        this.alpha = solve(targets);
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
                // Threshold 1e-12 on pivots: the diagonal is at least the noise floor (1e-6 of unit variance).
                CholeskyDecomposition cholesky =
                        new CholeskyDecomposition(new Array2DRowRealMatrix(k, false), 1e-12, 1e-12);
                return new GaussianProcess(inverseLengths, s2, noise, inputs, y.clone(),
                        lowerRows(cholesky.getLT().getData()));
            } catch (NonPositiveDefiniteMatrixException e) {
                last = e;
            }
        }
        throw new IllegalStateException("kernel matrix is not positive definite even with jitter", last);
    }

    /**
     * This posterior with extra observations appended, for example constant-liar values at pending points or
     * new results under unchanged hyperparameters. The factor grows by one row per point (O(n^2) each) instead of
     * being recomputed; existing rows are shared, not copied.
     */
    public GaussianProcess withObservations(List<double[]> x, double[] y) {
        int n = inputs.length;
        int p = x.size();
        double[][] newInputs = Arrays.copyOf(inputs, n + p);
        double[][] newLower = Arrays.copyOf(lower, n + p);
        double[] newTargets = Arrays.copyOf(targets, n + p);
        for (int a = 0; a < p; a++) {
            int m = n + a;
            double[] z = scale(x.get(a), inverseLengths);
            double[] row = new double[m + 1];
            double sumSquares = 0;
            // Forward substitution L l = k gives the new row's off-diagonal part.
            for (int i = 0; i < m; i++) {
                double k = matern52(squaredDistance(newInputs[i], z), signalVariance);
                double[] li = newLower[i];
                row[i] = (k - dot(li, row, i)) / li[i];
                sumSquares += row[i] * row[i];
            }
            // A point on top of an earlier one leaves almost nothing; keep the factor well defined.
            double d2 = signalVariance + noiseVariance - sumSquares;
            row[m] = Math.sqrt(Math.max(d2, 1e-10 * signalVariance));
            newInputs[m] = z;
            newLower[m] = row;
            newTargets[m] = y[a];
        }
        return new GaussianProcess(inverseLengths, signalVariance, noiseVariance, newInputs, newTargets, newLower);
    }

    /**
     * The same points and factor with new targets (for example after re-normalising the objective); O(n^2).
     */
    public GaussianProcess withTargets(double[] y) {
        if (y.length != inputs.length) {
            throw new IllegalArgumentException(inputs.length + " points but " + y.length + " targets");
        }
        return new GaussianProcess(inverseLengths, signalVariance, noiseVariance, inputs, y.clone(), lower);
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
        double logDet = 0;
        for (int i = 0; i < targets.length; i++) {
            fit += targets[i] * alpha[i];
            logDet += Math.log(lower[i][i]);
        }
        return -0.5 * fit - logDet - 0.5 * targets.length * LOG_2PI;
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
            forwardSolveRows(v, m);
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
        double[] v = new double[n];
        double mean = 0;
        double explained = 0;
        for (int i = 0; i < n; i++) {
            double k = matern52(squaredDistance(inputs[i], z), signalVariance);
            mean += alpha[i] * k;
            double[] li = lower[i];
            v[i] = (k - dot(li, v, i)) / li[i];
            explained += v[i] * v[i];
        }
        return new double[]{mean, Math.max(signalVariance - explained, 0)};
    }

    /** Solves {@code L V = V} in place, row by row, for the first {@code m} columns of each row. */
    private void forwardSolveRows(double[][] v, int m) {
        for (int i = 0; i < v.length; i++) {
            double[] li = lower[i];
            double[] vi = v[i];
            for (int k = 0; k < i; k++) {
                double l = li[k];
                double[] vk = v[k];
                for (int j = 0; j < m; j++) {
                    vi[j] -= l * vk[j];
                }
            }
            double inv = 1 / li[i];
            for (int j = 0; j < m; j++) {
                vi[j] *= inv;
            }
        }
    }

    /** {@code K^-1 b} by forward then backward substitution with the factor. */
    private double[] solve(double[] b) {
        int n = b.length;
        double[] w = b.clone();
        for (int i = 0; i < n; i++) {
            double[] li = lower[i];
            w[i] = (w[i] - dot(li, w, i)) / li[i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double[] li = lower[i];
            w[i] /= li[i];
            double xi = w[i];
            for (int k = 0; k < i; k++) {
                w[k] -= li[k] * xi;
            }
        }
        return w;
    }

    /**
     * {@code sum a[j] b[j]} for {@code j < length}, with four partial sums: the JIT does not vectorise a
     * floating-point reduction (it would change the rounding), but independent sums keep the multipliers busy.
     */
    static double dot(double[] a, double[] b, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < length; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < length; j++) {
            s0 += a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
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

    /** Rows of L from the upper-triangular L^T that Commons Math keeps. */
    private static double[][] lowerRows(double[][] upper) {
        int n = upper.length;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] row = new double[i + 1];
            for (int k = 0; k <= i; k++) {
                row[k] = upper[k][i];
            }
            rows[i] = row;
        }
        return rows;
    }
}
