package dev.kiln.gnn.train;

import dev.kiln.gnn.model.EmbeddingTable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/** Row-wise Adagrad with a per-element accumulator (DGL-KE's default optimiser). */
public final class SparseAdagrad implements SparseOptimizer {
    private static final float EPS = 1e-10f;
    private final float[] sumSq;
    private final float lr;

    public SparseAdagrad(EmbeddingTable table, double lr) {
        this.sumSq = new float[table.data().length];
        this.lr = (float) lr;
    }

    @Override
    public void update(EmbeddingTable table, int row, float[] grad, int gOff) {
        float[] w = table.data();
        int off = table.offset(row);
        for (int i = 0; i < table.dim(); i++) {
            float g = grad[gOff + i];
            float s = sumSq[off + i] + g * g;
            sumSq[off + i] = s;
            w[off + i] -= lr * g / ((float) Math.sqrt(s) + EPS);
        }
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
