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
    private float lr;
    private final RowScratch scratch;

    public SparseAdam(EmbeddingTable table, double lr) {
        this.m = new float[table.data().length];
        this.v = new float[table.data().length];
        this.steps = new int[table.rows()];
        this.lr = (float) lr;
        this.scratch = new RowScratch(table.dim(), 4);
    }

    @Override
    public void update(EmbeddingTable table, int row, float[] grad, int gOff) {
        int dim = table.dim(), off = table.offset(row);
        int t = ++steps[row];
        float c1 = 1f - (float) Math.pow(B1, t);
        float c2 = 1f - (float) Math.pow(B2, t);
        float step = lr * (float) Math.sqrt(c2) / c1;
        // Copied out and back so the loop vectorises (see RowScratch).
        float[][] s = scratch.rows();
        float[] w = s[0], mr = s[1], vr = s[2], g = scratch.atZero(grad, gOff, s[3]);
        System.arraycopy(table.data(), off, w, 0, dim);
        System.arraycopy(m, off, mr, 0, dim);
        System.arraycopy(v, off, vr, 0, dim);
        for (int i = 0; i < dim; i++) {
            float gi = g[i];
            float mi = B1 * mr[i] + (1 - B1) * gi;
            float vi = B2 * vr[i] + (1 - B2) * gi * gi;
            mr[i] = mi;
            vr[i] = vi;
            w[i] -= step * mi / ((float) Math.sqrt(vi) + EPS);
        }
        System.arraycopy(mr, 0, m, off, dim);
        System.arraycopy(vr, 0, v, off, dim);
        System.arraycopy(w, 0, table.data(), off, dim);
    }

    @Override
    public String name() {
        return "adam";
    }

    @Override
    public double lr() {
        return lr;
    }

    @Override
    public void setLr(double lr) {
        this.lr = (float) lr;
    }

    @Override
    public float[][] state() {
        return new float[][] {m, v};
    }

    @Override
    public int[] rowSteps() {
        return steps;
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
