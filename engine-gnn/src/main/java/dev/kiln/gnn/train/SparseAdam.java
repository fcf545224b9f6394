package dev.kiln.gnn.train;

import dev.kiln.gnn.model.EmbeddingTable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Lazy Adam (as PyTorch's SparseAdam): moments of a row change only when the row has a gradient;
 * bias correction uses the row's own update count, so rare entities are not under-corrected.
 */
public final class SparseAdam implements SparseOptimizer {
    private static final float B1 = 0.9f, B2 = 0.999f, EPS = 1e-8f;
    private final float[] m;
    private final float[] v;
    private final int[] steps;
    private final float lr;

    public SparseAdam(EmbeddingTable table, double lr) {
        this.m = new float[table.data().length];
        this.v = new float[table.data().length];
        this.steps = new int[table.rows()];
        this.lr = (float) lr;
    }

    @Override
    public void update(EmbeddingTable table, int row, float[] grad, int gOff) {
        float[] w = table.data();
        int off = table.offset(row);
        int t = ++steps[row];
        float c1 = 1f - (float) Math.pow(B1, t);
        float c2 = 1f - (float) Math.pow(B2, t);
        float step = lr * (float) Math.sqrt(c2) / c1;
        for (int i = 0; i < table.dim(); i++) {
            float g = grad[gOff + i];
            float mi = B1 * m[off + i] + (1 - B1) * g;
            float vi = B2 * v[off + i] + (1 - B2) * g * g;
            m[off + i] = mi;
            v[off + i] = vi;
            w[off + i] -= step * mi / ((float) Math.sqrt(vi) + EPS);
        }
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        StateArrays.write(out, m);
        StateArrays.write(out, v);
        StateArrays.write(out, steps);
    }

    @Override
    public void load(DataInputStream in) throws IOException {
        StateArrays.read(in, m);
        StateArrays.read(in, v);
        StateArrays.read(in, steps);
    }
}
