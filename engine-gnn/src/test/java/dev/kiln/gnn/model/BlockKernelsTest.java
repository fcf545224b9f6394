package dev.kiln.gnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both implementations of the three block products (plain Java and the Vector API) against plain triple loops, at
 * sizes that span several tiles and blocks and leave tails (rows not a multiple of 4, widths not a multiple of a
 * vector), with rows of exactly the width and rows {@link Kernels#padded padded} for the vector kernels, and with
 * two output rows that are one array (a negative drawn twice in a chunk shares one gradient slot: both draws must
 * add into it). Values written into the padding stay out of every result.
 */
class BlockKernelsTest {
    private static final int M = 70, K = 75, D = 37;
    private final SplittableRandom rnd = new SplittableRandom(5);

    /** One implementation of the products. */
    interface Impl {
        void dots(float[][] q, int m, int d, float[][] cols, int k, float[][] s);

        void addProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out);

        void addTransposedProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out);
    }

    record Case(String name, Impl impl, boolean padded) {
        @Override
        public String toString() {
            return name + (padded ? ", padded rows" : ", exact rows");
        }
    }

    static List<Case> cases() {
        Impl java = new Impl() {
            public void dots(float[][] q, int m, int d, float[][] cols, int k, float[][] s) {
                JavaKernels.dots(q, m, d, cols, k, s);
            }

            public void addProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out) {
                JavaKernels.addProduct(g, m, k, x, d, out);
            }

            public void addTransposedProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out) {
                JavaKernels.addTransposedProduct(g, m, k, x, d, out);
            }
        };
        Impl vector = new Impl() {
            public void dots(float[][] q, int m, int d, float[][] cols, int k, float[][] s) {
                VectorKernels.dots(q, m, d, cols, k, s);
            }

            public void addProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out) {
                VectorKernels.addProduct(g, m, k, x, d, out);
            }

            public void addTransposedProduct(float[][] g, int m, int k, float[][] x, int d, float[][] out) {
                VectorKernels.addTransposedProduct(g, m, k, x, d, out);
            }
        };
        List<Case> cases = new ArrayList<>();
        for (boolean padded : new boolean[] {false, true}) {
            cases.add(new Case("java", java, padded));
            cases.add(new Case("vector", vector, padded));
        }
        return cases;
    }

    @Test
    void theEngineUsesTheVectorKernelsWhereTheyPay() {
        // surefire passes --add-modules jdk.incubator.vector, as the job JVMs do, so the engine takes the vector
        // kernels wherever the CPU's preferred vectors hold 8 floats or more (AVX2, AVX-512); on narrower ones
        // (128-bit: SSE only, or NEON) it keeps the plain-Java kernels. The cases below test both either way.
        assertEquals(FloatVector.SPECIES_PREFERRED.length() >= 8, Kernels.VECTOR, FloatVector.SPECIES_PREFERRED.toString());
        assertEquals(Kernels.VECTOR ? "vector" : "java", Kernels.name());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dotsMatchTheTripleLoop(Case c) {
        float[][] q = random(M, D, c.padded()), n = random(K, D, false);
        float[][] cols = new float[D][width(K, c.padded())], s = random(M, K, c.padded());
        for (int j = 0; j < K; j++) {
            for (int l = 0; l < D; l++) {
                cols[l][j] = n[j][l];
            }
        }
        c.impl().dots(q, M, D, cols, K, s);
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < K; j++) {
                double e = 0;
                for (int l = 0; l < D; l++) {
                    e += (double) q[i][l] * n[j][l];
                }
                assertEquals(e, s[i][j], 1e-4, "s[" + i + "][" + j + "]");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void addProductMatchesTheTripleLoop(Case c) {
        float[][] g = random(M, K, false), x = random(K, D, c.padded()), out = random(M, D, c.padded());
        float[][] before = copy(out);
        g[3][5] = g[3][6] = g[3][7] = g[3][4] = 0f; // a skipped group of zeros
        for (int i = 0; i < 4; i++) {
            g[i][9] = 0f; // a zero column across a whole 4-row tile
        }
        c.impl().addProduct(g, M, K, x, D, out);
        for (int i = 0; i < M; i++) {
            for (int l = 0; l < D; l++) {
                double e = before[i][l];
                for (int j = 0; j < K; j++) {
                    e += (double) g[i][j] * x[j][l];
                }
                assertEquals(e, out[i][l], 1e-4, "out[" + i + "][" + l + "]");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void addTransposedProductAddsEveryDrawIntoASharedRow(Case c) {
        float[][] g = random(M, K, false), x = random(M, D, c.padded()), out = random(K, D, c.padded());
        out[40] = out[2]; // negatives 2 and 40 are the same entity: one slot
        out[5] = out[6]; // and two in one 4-row tile
        float[] shared = out[2].clone(), shared5 = out[5].clone();
        float[][] before = copy(out);
        c.impl().addTransposedProduct(g, M, K, x, D, out);
        for (int j = 0; j < K; j++) {
            for (int l = 0; l < D; l++) {
                int[] draws = j == 2 || j == 40 ? new int[] {2, 40} : j == 5 || j == 6 ? new int[] {5, 6} : new int[] {j};
                double e = j == 2 || j == 40 ? shared[l] : j == 5 || j == 6 ? shared5[l] : before[j][l];
                for (int jj : draws) {
                    for (int i = 0; i < M; i++) {
                        e += (double) g[i][jj] * x[i][l];
                    }
                }
                assertEquals(e, out[j][l], 1e-4, "out[" + j + "][" + l + "]");
            }
        }
    }

    private static int width(int n, boolean padded) {
        return padded ? Kernels.padded(n) : n;
    }

    /** Random values in the first {@code cols} entries; padded rows get garbage in the padding too. */
    private float[][] random(int rows, int cols, boolean padded) {
        float[][] a = new float[rows][width(cols, padded)];
        for (float[] r : a) {
            for (int i = 0; i < r.length; i++) {
                r[i] = (float) (rnd.nextDouble() * 2 - 1);
            }
        }
        return a;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
