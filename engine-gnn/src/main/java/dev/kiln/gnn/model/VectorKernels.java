package dev.kiln.gnn.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BlockKernels}' products on the Vector API (incubating; only loaded when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, see {@link Kernels}). C2's auto-vectorised axpy
 * loads and stores the accumulated row once per pass and measures about 15 GFMA/s a core here; these
 * kernels keep a 4 x 4-vector tile of the output in registers across the whole inner dimension
 * (register blocking, as BLAS micro-kernels do), so each step is 4 loads, 4 broadcasts and 16 FMAs.
 * Rows whose arrays are {@link Kernels#padded padded} to a multiple of 16 floats are swept whole in
 * vectors of the preferred width (a row of 200 floats as 13 vectors of 16, the last 8 lanes of the
 * padding computing zeros or harmless values: an output column depends only on the same column of
 * the streamed operand); unpadded rows leave their last columns to a scalar loop. Narrower species
 * for the tail are no way out: once C2 had compiled the 512-bit tiles, a 4 x 1 tile of 256-bit
 * vectors for the last 8 columns ran at 2.8 GFMA/s beside them (25 alone), halving the whole product.
 * Sums run in ascending order of the inner index, grouped differently from the plain-Java kernels:
 * results agree to float rounding.
 */
final class VectorKernels {
    private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;
    private static final ThreadLocal<float[][]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[1][1]);

    private VectorKernels() {}

    /** Whether this JVM's preferred vectors are wide enough to be worth it (at least 8 floats: AVX2, AVX-512). */
    static boolean worthIt() {
        return WIDE.length() >= 8 && Kernels.PAD % WIDE.length() == 0;
    }

    /** {@code s[i][j] = q_i . n_j} for j < k, with N given column-wise ({@code cols[l][j]}). */
    static void dots(float[][] q, int m, int d, float[][] cols, int k, float[][] s) {
        product(q, m, d, cols, k, s, false);
    }

    /** {@code out[i] += sum_j g[i][j] * x[j]}: out (m x d) += G (m x k) X (k x d). */
    static void addProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out) {
        product(g, m, k, x, d, out, true);
    }

    /**
     * {@code out[j] += sum_i g[i][j] * x[i]}: out (k x d) += G^T (k x m) X (m x d), through a transposed copy of G
     * (m x k floats, small beside the product's m x k x d), so the tiles read their scalars along rows.
     */
    static void addTransposedProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out) {
        float[][] gt = TRANSPOSED.get();
        if (gt.length < k || gt[0].length < m) {
            gt = new float[Math.max(k, gt.length)][Math.max(m, gt[0].length)];
            TRANSPOSED.set(gt);
        }
        for (int i = 0; i < m; i++) {
            float[] gi = g[i];
            for (int j = 0; j < k; j++) {
                gt[j][i] = gi[j];
            }
        }
        product(gt, k, m, x, d, out, true);
    }

    /**
     * {@code c[i][0..n) (+)= sum_p a[i][p] * b[p][0..n)} for i < rows, p < inner. The species is a static
     * final everywhere: C2 turns Vector API calls into instructions only where it is a compile-time constant
     * (passed as an argument, the same tiles ran ten times slower than the plain-Java kernels). The tiles'
     * loops have no branches: with a transposed-access branch and a skip of zero steps in the loop, C2
     * compiled the 4 x 4 tile with its vector operations left as calls (TransE's scoring at a third of the
     * plain-Java speed; sparse gradients go to the plain-Java kernels instead, see BlockKernels).
     */
    private static void product(float[][] a, int rows, int inner, float[][] b, int n,
                                float[][] c, boolean accumulate) {
        int w = WIDE.length();
        int padded = (n + w - 1) / w * w;
        int width = fits(b, inner, padded) && fits(c, rows, padded) ? padded : n / w * w;
        int rows4 = rows & ~3;
        int j = 0;
        for (; j + 4 * w <= width; j += 4 * w) {
            for (int i = 0; i < rows4; i += 4) {
                tile4x4(a, i, inner, b, j, c, accumulate);
            }
        }
        for (; j < width; j += w) {
            for (int i = 0; i < rows4; i += 4) {
                tile4x1(a, i, inner, b, j, c, accumulate);
            }
        }
        for (int r = rows4; r < rows; r++) {
            for (int jj = 0; jj < width; jj += w) {
                tile1x1(a, r, inner, b, jj, c, accumulate);
            }
        }
        for (int r = 0; r < rows; r++) { // unpadded rows: the columns past the last whole vector
            for (int jj = width; jj < n; jj++) {
                float s = 0;
                for (int p = 0; p < inner; p++) {
                    s += a[r][p] * b[p][jj];
                }
                c[r][jj] = accumulate ? c[r][jj] + s : s;
            }
        }
    }

    private static boolean fits(float[][] rows, int count, int width) {
        for (int i = 0; i < count; i++) {
            if (rows[i].length < width) {
                return false;
            }
        }
        return true;
    }

    /** Rows i..i+3, columns j..j+4w: 16 accumulators. */
    private static void tile4x4(float[][] a, int i, int inner, float[][] b, int j, float[][] c,
                                boolean accumulate) {
        int l = WIDE.length();
        int j1 = j + l, j2 = j + 2 * l, j3 = j + 3 * l;
        FloatVector c00 = FloatVector.zero(WIDE), c01 = c00, c02 = c00, c03 = c00;
        FloatVector c10 = c00, c11 = c00, c12 = c00, c13 = c00;
        FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        FloatVector c30 = c00, c31 = c00, c32 = c00, c33 = c00;
        float[] a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3];
        for (int p = 0; p < inner; p++) {
            float x0 = a0[p], x1 = a1[p], x2 = a2[p], x3 = a3[p];
            float[] bp = b[p];
            FloatVector b0 = FloatVector.fromArray(WIDE, bp, j), b1 = FloatVector.fromArray(WIDE, bp, j1);
            FloatVector b2 = FloatVector.fromArray(WIDE, bp, j2), b3 = FloatVector.fromArray(WIDE, bp, j3);
            FloatVector v = FloatVector.broadcast(WIDE, x0);
            c00 = b0.fma(v, c00);
            c01 = b1.fma(v, c01);
            c02 = b2.fma(v, c02);
            c03 = b3.fma(v, c03);
            v = FloatVector.broadcast(WIDE, x1);
            c10 = b0.fma(v, c10);
            c11 = b1.fma(v, c11);
            c12 = b2.fma(v, c12);
            c13 = b3.fma(v, c13);
            v = FloatVector.broadcast(WIDE, x2);
            c20 = b0.fma(v, c20);
            c21 = b1.fma(v, c21);
            c22 = b2.fma(v, c22);
            c23 = b3.fma(v, c23);
            v = FloatVector.broadcast(WIDE, x3);
            c30 = b0.fma(v, c30);
            c31 = b1.fma(v, c31);
            c32 = b2.fma(v, c32);
            c33 = b3.fma(v, c33);
        }
        // Stores written out rather than a helper taking the accumulators: C2 does not inline a call made once
        // per tile (too large for a cold site), and vectors passed to a call it does not inline are boxed
        // (measured 5x slower). Rows go one after the other, so two output rows that are one array (a negative
        // drawn twice in a chunk) both add into it.
        float[] r0 = c[i];
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(WIDE, r0, j));
            c01 = c01.add(FloatVector.fromArray(WIDE, r0, j1));
            c02 = c02.add(FloatVector.fromArray(WIDE, r0, j2));
            c03 = c03.add(FloatVector.fromArray(WIDE, r0, j3));
        }
        c00.intoArray(r0, j);
        c01.intoArray(r0, j1);
        c02.intoArray(r0, j2);
        c03.intoArray(r0, j3);
        float[] r1 = c[i + 1];
        if (accumulate) {
            c10 = c10.add(FloatVector.fromArray(WIDE, r1, j));
            c11 = c11.add(FloatVector.fromArray(WIDE, r1, j1));
            c12 = c12.add(FloatVector.fromArray(WIDE, r1, j2));
            c13 = c13.add(FloatVector.fromArray(WIDE, r1, j3));
        }
        c10.intoArray(r1, j);
        c11.intoArray(r1, j1);
        c12.intoArray(r1, j2);
        c13.intoArray(r1, j3);
        float[] r2 = c[i + 2];
        if (accumulate) {
            c20 = c20.add(FloatVector.fromArray(WIDE, r2, j));
            c21 = c21.add(FloatVector.fromArray(WIDE, r2, j1));
            c22 = c22.add(FloatVector.fromArray(WIDE, r2, j2));
            c23 = c23.add(FloatVector.fromArray(WIDE, r2, j3));
        }
        c20.intoArray(r2, j);
        c21.intoArray(r2, j1);
        c22.intoArray(r2, j2);
        c23.intoArray(r2, j3);
        float[] r3 = c[i + 3];
        if (accumulate) {
            c30 = c30.add(FloatVector.fromArray(WIDE, r3, j));
            c31 = c31.add(FloatVector.fromArray(WIDE, r3, j1));
            c32 = c32.add(FloatVector.fromArray(WIDE, r3, j2));
            c33 = c33.add(FloatVector.fromArray(WIDE, r3, j3));
        }
        c30.intoArray(r3, j);
        c31.intoArray(r3, j1);
        c32.intoArray(r3, j2);
        c33.intoArray(r3, j3);
    }

    /** Rows i..i+3, one vector of columns at j (what is left after the 4-vector tiles). */
    private static void tile4x1(float[][] a, int i, int inner, float[][] b, int j, float[][] c,
                                boolean accumulate) {
        FloatVector c0 = FloatVector.zero(WIDE), c1 = c0, c2 = c0, c3 = c0;
        float[] a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3];
        for (int p = 0; p < inner; p++) {
            float x0 = a0[p], x1 = a1[p], x2 = a2[p], x3 = a3[p];
            FloatVector bv = FloatVector.fromArray(WIDE, b[p], j);
            c0 = bv.fma(FloatVector.broadcast(WIDE, x0), c0);
            c1 = bv.fma(FloatVector.broadcast(WIDE, x1), c1);
            c2 = bv.fma(FloatVector.broadcast(WIDE, x2), c2);
            c3 = bv.fma(FloatVector.broadcast(WIDE, x3), c3);
        }
        if (accumulate) {
            c0 = c0.add(FloatVector.fromArray(WIDE, c[i], j));
        }
        c0.intoArray(c[i], j);
        if (accumulate) {
            c1 = c1.add(FloatVector.fromArray(WIDE, c[i + 1], j));
        }
        c1.intoArray(c[i + 1], j);
        if (accumulate) {
            c2 = c2.add(FloatVector.fromArray(WIDE, c[i + 2], j));
        }
        c2.intoArray(c[i + 2], j);
        if (accumulate) {
            c3 = c3.add(FloatVector.fromArray(WIDE, c[i + 3], j));
        }
        c3.intoArray(c[i + 3], j);
    }

    /** One row (the last rows % 4), one vector of columns. */
    private static void tile1x1(float[][] a, int r, int inner, float[][] b, int j, float[][] c,
                                boolean accumulate) {
        FloatVector acc = FloatVector.zero(WIDE);
        float[] ar = a[r];
        for (int p = 0; p < inner; p++) {
            acc = FloatVector.fromArray(WIDE, b[p], j).fma(FloatVector.broadcast(WIDE, ar[p]), acc);
        }
        if (accumulate) {
            acc = acc.add(FloatVector.fromArray(WIDE, c[r], j));
        }
        acc.intoArray(c[r], j);
    }
}
