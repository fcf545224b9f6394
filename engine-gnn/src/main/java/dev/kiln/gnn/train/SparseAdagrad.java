package dev.kiln.gnn.train;

import dev.kiln.gnn.model.EmbeddingTable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Row-wise Adagrad with a per-element accumulator (DGL-KE's default optimiser). */
public final class SparseAdagrad implements SparseOptimizer {
    private static final float EPS = 1e-10f;
    private final float[] sumSq;
    private float lr;
    private final RowScratch scratch;

    public SparseAdagrad(EmbeddingTable table, double lr) {
        this.sumSq = new float[table.data().length];
        this.lr = (float) lr;
        this.scratch = new RowScratch(table.dim(), 3);
    }

    @Override
    public void update(EmbeddingTable table, int row, float[] grad, int gOff) {
        // The row and its accumulator are copied out and back (RowScratch says why): the sqrt and divide per
        // float then run as vector instructions.
        int dim = table.dim(), off = table.offset(row);
        float[][] s = scratch.rows();
        float[] w = s[0], acc = s[1], g = scratch.atZero(grad, gOff, s[2]);
        System.arraycopy(table.data(), off, w, 0, dim);
        System.arraycopy(sumSq, off, acc, 0, dim);
        for (int i = 0; i < dim; i++) {
            float gi = g[i];
            float a = acc[i] + gi * gi;
            acc[i] = a;
            w[i] -= lr * gi / ((float) Math.sqrt(a) + EPS);
        }
        System.arraycopy(acc, 0, sumSq, off, dim);
        System.arraycopy(w, 0, table.data(), off, dim);
    }

    @Override
    public String name() {
        return "adagrad";
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
        return new float[][] {sumSq};
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        StateArrays.write(out, sumSq);
    }

    @Override
    public void load(DataInputStream in) throws IOException {
        StateArrays.read(in, sumSq);
    }
}
