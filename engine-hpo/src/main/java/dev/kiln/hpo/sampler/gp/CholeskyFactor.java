package dev.kiln.hpo.sampler.gp;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;

import java.util.Arrays;

/**
 * The lower-triangular Cholesky factor L of a kernel matrix K = L L^T, kept as rows (row i holds i+1 entries).
 * Rows never change once written, so a factor grown by {@link #append} shares all earlier rows with its parent.
 */
final class CholeskyFactor {
    private final double[][] rows;

    private CholeskyFactor(double[][] rows) {
        this.rows = rows;
    }

    /**
     * Factorises a symmetric matrix with Commons Math.
     *
     * @throws NonPositiveDefiniteMatrixException when a pivot falls below 1e-12 (the caller adds jitter)
     */
    static CholeskyFactor of(double[][] symmetric) {
        // Threshold 1e-12 on pivots: the diagonal holds at least the noise floor (1e-6 of unit variance).
        CholeskyDecomposition cholesky =
                new CholeskyDecomposition(new Array2DRowRealMatrix(symmetric, false), 1e-12, 1e-12);
        double[][] upper = cholesky.getLT().getData();
        int n = upper.length;
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] row = new double[i + 1];
            for (int k = 0; k <= i; k++) {
                row[k] = upper[k][i];
            }
            rows[i] = row;
        }
        return new CholeskyFactor(rows);
    }

    int size() {
        return rows.length;
    }

    /**
     * The factor of K extended by one point, given that point's kernel values against the existing points and
     * itself; O(n^2). A point on top of an earlier one would leave a zero pivot, so the pivot is kept above a
     * tiny fraction of the diagonal.
     */
    CholeskyFactor append(double[] covariances, double variance) {
        int m = rows.length;
        double[] row = Arrays.copyOf(covariances, m + 1);
        double sumSquares = 0;
        for (int i = 0; i < m; i++) {
            double[] li = rows[i];
            row[i] = (row[i] - dot(li, row, i)) / li[i];
            sumSquares += row[i] * row[i];
        }
        row[m] = Math.sqrt(Math.max(variance - sumSquares, 1e-10 * variance));
        double[][] grown = Arrays.copyOf(rows, m + 1);
        grown[m] = row;
        return new CholeskyFactor(grown);
    }

    /** {@code log det K}. */
    double logDeterminant() {
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            sum += Math.log(rows[i][i]);
        }
        return 2 * sum;
    }

    /** {@code K^-1 b} by forward then backward substitution. */
    double[] solve(double[] b) {
        int n = b.length;
        double[] w = b.clone();
        for (int i = 0; i < n; i++) {
            double[] li = rows[i];
            w[i] = (w[i] - dot(li, w, i)) / li[i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double[] li = rows[i];
            w[i] /= li[i];
            double xi = w[i];
            for (int k = 0; k < i; k++) {
                w[k] -= li[k] * xi;
            }
        }
        return w;
    }

    /** {@code |L^-1 k|^2}: the part of a point's prior variance explained by the observations. */
    double explainedVariance(double[] k) {
        double[] v = new double[rows.length];
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            double[] li = rows[i];
            v[i] = (k[i] - dot(li, v, i)) / li[i];
            sum += v[i] * v[i];
        }
        return sum;
    }

    /**
     * Solves {@code L V = B} in place for the first {@code m} columns of each row of {@code v}. Row by row, the
     * inner loop runs along a row (an axpy the JIT vectorises) rather than down a column.
     */
    void forwardSolveRows(double[][] v, int m) {
        for (int i = 0; i < rows.length; i++) {
            double[] li = rows[i];
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
}
