package dev.kiln.gnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The three cache-blocked products against plain triple loops, at sizes that span several blocks of 32 and leave
 * tails of 1-3 (not multiples of 4), and with two output rows that are one array (a negative drawn twice in a chunk
 * shares one gradient slot: both draws must add into it).
 */
class BlockKernelsTest {
    private static final int M = 70, K = 75, D = 37;
    private final SplittableRandom rnd = new SplittableRandom(5);

    @Test
    void dotsMatchTheTripleLoop() {
        float[][] q = random(M, D), n = random(K, D), cols = new float[D][K], s = random(M, K);
        for (int j = 0; j < K; j++) {
            for (int l = 0; l < D; l++) {
                cols[l][j] = n[j][l];
            }
        }
        BlockKernels.dots(q, M, D, cols, K, s);
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

    @Test
    void addProductMatchesTheTripleLoop() {
        float[][] g = random(M, K), x = random(K, D), out = random(M, D), before = copy(out);
        g[3][5] = g[3][6] = g[3][7] = g[3][4] = 0f; // a skipped group of zeros
        BlockKernels.addProduct(g, M, K, x, D, out);
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

    @Test
    void addTransposedProductAddsEveryDrawIntoASharedRow() {
        float[][] g = random(M, K), x = random(M, D), out = random(K, D);
        out[40] = out[2]; // negatives 2 and 40 are the same entity: one slot
        float[] shared = out[2].clone();
        float[][] before = copy(out);
        BlockKernels.addTransposedProduct(g, M, K, x, D, out);
        for (int j = 0; j < K; j++) {
            for (int l = 0; l < D; l++) {
                double e = j == 2 || j == 40 ? shared[l] : before[j][l];
                for (int jj : j == 2 || j == 40 ? new int[] {2, 40} : new int[] {j}) {
                    for (int i = 0; i < M; i++) {
                        e += (double) g[i][jj] * x[i][l];
                    }
                }
                assertEquals(e, out[j][l], 1e-4, "out[" + j + "][" + l + "]");
            }
        }
    }

    private float[][] random(int rows, int cols) {
        float[][] a = new float[rows][cols];
        for (float[] r : a) {
            for (int i = 0; i < cols; i++) {
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
