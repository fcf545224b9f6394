package dev.kiln.gnn.model;

/**
 * {@link BlockKernels}' products in plain Java, for JVMs without the Vector API. Each inner loop is an axpy over whole
 * row arrays from index 0 ({@code y[j] += a0*x0[j] + ... + a3*x3[j]}), which C2 vectorises;
 * four terms per pass cut the loads and stores of the accumulated row by four.
 */
final class JavaKernels {
    /**
     * Rows of the streamed operand per pass over the outputs. The operand (128 x 200 floats, 100 KB) does not fit in
     * L1 (48 KB a core here); 32 of its rows (16-26 KB) do, so every output row sweeps a block that stays cached
     * (about 1.25x on the three products in a throwaway check against one sweep of all rows per output row).
     * Each output element still takes its terms in ascending order, so the sums are the same to the bit.
     */
    private static final int BLOCK = 32;

    private JavaKernels() {}

    /** {@code s[i][j] = q_i . n_j} for j < k, with N given column-wise ({@code cols[l][j]}). */
    static void dots(float[][] q, int m, int d, float[][] cols, int k, float[][] s) {
        for (int i = 0; i < m; i++) {
            float[] si = s[i];
            for (int j = 0; j < k; j++) {
                si[j] = 0f;
            }
        }
        int d4 = d & ~3;
        for (int l0 = 0; l0 < d4; l0 += BLOCK) {
            int l1 = Math.min(d4, l0 + BLOCK);
            for (int i = 0; i < m; i++) {
                float[] si = s[i], qi = q[i];
                for (int l = l0; l < l1; l += 4) {
                    axpy4(si, k, qi[l], cols[l], qi[l + 1], cols[l + 1], qi[l + 2], cols[l + 2], qi[l + 3], cols[l + 3]);
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int l = d4; l < d; l++) {
                axpy(s[i], k, q[i][l], cols[l]);
            }
        }
    }

    /** {@code out[i] += sum_j g[i][j] * x[j]} for i < m, j < k: out (m x d) += G (m x k) X (k x d). */
    static void addProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out) {
        int k4 = k & ~3;
        for (int j0 = 0; j0 < k4; j0 += BLOCK) {
            int j1 = Math.min(k4, j0 + BLOCK);
            for (int i = 0; i < m; i++) {
                float[] gi = g[i], oi = out[i];
                for (int j = j0; j < j1; j += 4) {
                    if (gi[j] != 0f || gi[j + 1] != 0f || gi[j + 2] != 0f || gi[j + 3] != 0f) { // margin loss: many zeros
                        axpy4(oi, d, gi[j], x[j], gi[j + 1], x[j + 1], gi[j + 2], x[j + 2], gi[j + 3], x[j + 3]);
                    }
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = k4; j < k; j++) {
                if (g[i][j] != 0f) {
                    axpy(out[i], d, g[i][j], x[j]);
                }
            }
        }
    }

    /** {@code out[j] += sum_i g[i][j] * x[i]} for i < m, j < k: out (k x d) += G^T (k x m) X (m x d). */
    static void addTransposedProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out) {
        int m4 = m & ~3;
        for (int i0 = 0; i0 < m4; i0 += BLOCK) {
            int i1 = Math.min(m4, i0 + BLOCK);
            for (int j = 0; j < k; j++) {
                float[] oj = out[j];
                for (int i = i0; i < i1; i += 4) {
                    float b0 = g[i][j], b1 = g[i + 1][j], b2 = g[i + 2][j], b3 = g[i + 3][j];
                    if (b0 != 0f || b1 != 0f || b2 != 0f || b3 != 0f) {
                        axpy4(oj, d, b0, x[i], b1, x[i + 1], b2, x[i + 2], b3, x[i + 3]);
                    }
                }
            }
        }
        for (int j = 0; j < k; j++) {
            for (int i = m4; i < m; i++) {
                if (g[i][j] != 0f) {
                    axpy(out[j], d, g[i][j], x[i]);
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
