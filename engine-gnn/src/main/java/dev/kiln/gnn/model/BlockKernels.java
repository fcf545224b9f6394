package dev.kiln.gnn.model;

/**
 * The three matrix products of scoring queries Q (m x d) against candidates N (k x d): S = Q N^T
 * and, backwards, dQ += G N and dN += G^T Q, on the Vector API kernels where this JVM has them
 * ({@link Kernels#VECTOR}) and in plain Java otherwise. Row arrays may be longer than the sizes
 * given; only the first d (or k) entries of a row are results. An output row may appear twice (a
 * negative drawn twice in a chunk shares one gradient array): both products add into it.
 */
final class BlockKernels {
    private BlockKernels() {}

    /** {@code s[i][j] = q_i . n_j} for j < k, with N given column-wise ({@code cols[l][j]}). */
    static void dots(float[][] q, int m, int d, float[][] cols, int k, float[][] s) {
        if (Kernels.VECTOR) {
            VectorKernels.dots(q, m, d, cols, k, s);
        } else {
            JavaKernels.dots(q, m, d, cols, k, s);
        }
    }

    /**
     * The backward products of a block: {@code dq[i] += sum_j g[i][j] * cand[j]} (dQ += G N) and
     * {@code dCand[j] += sum_i g[i][j] * q[i]} (dN += G^T Q), for i < m, j < k, over d floats a row. One look at
     * G's sparsity chooses the kernels for both.
     */
    static void addGradients(float[][] g, int m, int k, float[][] cand, float[][] q, int d, float[][] dq,
                             float[][] dCand) {
        if (Kernels.VECTOR && !sparse(g, m, k)) {
            VectorKernels.addProduct(g, m, k, cand, d, dq);
            VectorKernels.addTransposedProduct(g, m, k, q, d, dCand);
        } else {
            JavaKernels.addProduct(g, m, k, cand, d, dq);
            JavaKernels.addTransposedProduct(g, m, k, q, d, dCand);
        }
    }

    /**
     * Whether fewer than a quarter of G's entries are non-zero, as with a margin loss once most negatives are past
     * the margin. The plain-Java kernels skip every run of four zeros along a row; the vector tiles skip nothing
     * (with a zero-skip branch in their loop C2 left their vector operations as calls; VectorKernels says more). A pass over m x k floats is small beside the product's
     * m x k x d.
     */
    private static boolean sparse(float[][] g, int m, int k) {
        int nonZero = 0;
        for (int i = 0; i < m; i++) {
            float[] gi = g[i];
            for (int j = 0; j < k; j++) {
                nonZero += gi[j] != 0f ? 1 : 0;
            }
        }
        return nonZero * 4L < (long) m * k;
    }
}
