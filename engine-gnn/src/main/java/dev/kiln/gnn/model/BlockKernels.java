package dev.kiln.gnn.model;

/**
 * The three matrix products of scoring queries Q (m x d) against candidates N (k x d):
 * S = Q N^T and, backwards, dQ += G N and dN += G^T Q. Each inner loop is an axpy over whole
 * row arrays from index 0 ({@code y[j] += a0*x0[j] + ... + a3*x3[j]}), which C2 vectorises;
 * four terms per pass cut the loads and stores of the accumulated row by four.
 */
final class BlockKernels {
    private BlockKernels() {}

    /** {@code s[i][j] = q_i . n_j} for j < k, with N given column-wise ({@code cols[l][j]}). */
    static void dots(float[][] q, int m, int d, float[][] cols, int k, float[][] s) {
        for (int i = 0; i < m; i++) {
            float[] si = s[i], qi = q[i];
            for (int j = 0; j < k; j++) {
                si[j] = 0f;
            }
            int l = 0;
            for (; l + 3 < d; l += 4) {
                axpy4(si, k, qi[l], cols[l], qi[l + 1], cols[l + 1], qi[l + 2], cols[l + 2], qi[l + 3], cols[l + 3]);
            }
            for (; l < d; l++) {
                axpy(si, k, qi[l], cols[l]);
            }
        }
    }

    /** {@code out[i] += sum_j g[i][j] * x[j]} for i < m, j < k: out (m x d) += G (m x k) X (k x d). */
    static void addProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out) {
        for (int i = 0; i < m; i++) {
            float[] gi = g[i], oi = out[i];
            int j = 0;
            for (; j + 3 < k; j += 4) {
                if (gi[j] != 0f || gi[j + 1] != 0f || gi[j + 2] != 0f || gi[j + 3] != 0f) { // margin loss: many zeros
                    axpy4(oi, d, gi[j], x[j], gi[j + 1], x[j + 1], gi[j + 2], x[j + 2], gi[j + 3], x[j + 3]);
                }
            }
            for (; j < k; j++) {
                if (gi[j] != 0f) {
                    axpy(oi, d, gi[j], x[j]);
                }
            }
        }
    }

    /** {@code out[j] += sum_i g[i][j] * x[i]} for i < m, j < k: out (k x d) += G^T (k x m) X (m x d). */
    static void addTransposedProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out) {
        for (int j = 0; j < k; j++) {
            float[] oj = out[j];
            int i = 0;
            for (; i + 3 < m; i += 4) {
                float b0 = g[i][j], b1 = g[i + 1][j], b2 = g[i + 2][j], b3 = g[i + 3][j];
                if (b0 != 0f || b1 != 0f || b2 != 0f || b3 != 0f) {
                    axpy4(oj, d, b0, x[i], b1, x[i + 1], b2, x[i + 2], b3, x[i + 3]);
                }
            }
            for (; i < m; i++) {
                if (g[i][j] != 0f) {
                    axpy(oj, d, g[i][j], x[i]);
                }
            }
        }
    }

    private static void axpy4(float[] y, int n, float a0, float[] x0, float a1, float[] x1, float a2, float[] x2,
                              float a3, float[] x3) {
        for (int j = 0; j < n; j++) {
            y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
        }
    }

    private static void axpy(float[] y, int n, float a, float[] x) {
        for (int j = 0; j < n; j++) {
            y[j] += a * x[j];
        }
    }
}
