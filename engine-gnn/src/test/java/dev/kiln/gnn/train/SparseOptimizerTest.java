package dev.kiln.gnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.gnn.model.EmbeddingTable;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The optimisers update a row through per-thread scratch copies (RowScratch); the result must be the per-element
 * formula over the flat arrays, to the bit (Java rounds each operation, vectorised or not, the same way), for
 * gradients at offset 0 and elsewhere and for rows updated more than once.
 */
class SparseOptimizerTest {
    private static final int ROWS = 50, DIM = 37, UPDATES = 400;

    @Test
    void adagradMatchesTheFlatFormula() {
        EmbeddingTable table = new EmbeddingTable(ROWS, DIM).initUniform(0.5, 1), expected = table.copy();
        SparseAdagrad opt = new SparseAdagrad(table, 0.1);
        float[] sumSq = new float[ROWS * DIM];
        SplittableRandom rnd = new SplittableRandom(2);
        float[] grads = new float[4 * DIM];
        for (int u = 0; u < UPDATES; u++) {
            int row = rnd.nextInt(ROWS), gOff = rnd.nextInt(4) * DIM;
            fill(grads, rnd);
            opt.update(table, row, grads, gOff);
            float[] w = expected.data();
            int off = row * DIM;
            for (int i = 0; i < DIM; i++) {
                float g = grads[gOff + i];
                float s = sumSq[off + i] + g * g;
                sumSq[off + i] = s;
                w[off + i] -= 0.1f * g / ((float) Math.sqrt(s) + 1e-10f);
            }
        }
        assertArrayEquals(expected.data(), table.data());
    }

    @Test
    void adamMatchesTheFlatFormula() {
        EmbeddingTable table = new EmbeddingTable(ROWS, DIM).initUniform(0.5, 3), expected = table.copy();
        SparseAdam opt = new SparseAdam(table, 0.01);
        float[] m = new float[ROWS * DIM], v = new float[ROWS * DIM];
        int[] steps = new int[ROWS];
        SplittableRandom rnd = new SplittableRandom(4);
        float[] grads = new float[4 * DIM];
        float b1 = 0.9f, b2 = 0.999f;
        for (int u = 0; u < UPDATES; u++) {
            int row = rnd.nextInt(ROWS), gOff = rnd.nextInt(4) * DIM;
            fill(grads, rnd);
            opt.update(table, row, grads, gOff);
            float[] w = expected.data();
            int off = row * DIM, t = ++steps[row];
            float step = 0.01f * (float) Math.sqrt(1f - (float) Math.pow(b2, t)) / (1f - (float) Math.pow(b1, t));
            for (int i = 0; i < DIM; i++) {
                float g = grads[gOff + i];
                float mi = b1 * m[off + i] + (1 - b1) * g;
                float vi = b2 * v[off + i] + (1 - b2) * g * g;
                m[off + i] = mi;
                v[off + i] = vi;
                w[off + i] -= step * mi / ((float) Math.sqrt(vi) + 1e-8f);
            }
        }
        assertArrayEquals(expected.data(), table.data());
    }

    @Test
    void gradientSlotsAreOneArrayPerRowAndStartAtZero() {
        RowGradients g = new RowGradients(1000, DIM);
        for (int batch = 0; batch < 2; batch++) {
            for (int row = 0; row < 600; row++) { // past the initial 256 slots
                float[] slot = g.of(row);
                assertEquals(0f, slot[DIM - 1], "batch " + batch + " row " + row);
                slot[DIM - 1] = row + 1;
            }
            assertEquals(g.of(7), g.of(7));
            assertEquals(8f, g.of(7)[DIM - 1]);
            assertEquals(600, g.size());
            assertEquals(599, g.row(599));
            g.clear();
        }
    }

    private static void fill(float[] a, SplittableRandom rnd) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
    }
}
