package dev.kiln.gnn.model;

import java.util.SplittableRandom;

/**
 * A dense table of float rows stored in one array (row i at {@code i * dim}), so the hot loops
 * index a flat array and training threads update rows in place without locks (Hogwild, as DGL-KE).
 */
public final class EmbeddingTable {
    private final int rows;
    private final int dim;
    private final float[] data;

    public EmbeddingTable(int rows, int dim) {
        this(rows, dim, new float[Math.multiplyExact(rows, dim)]);
    }

    public EmbeddingTable(int rows, int dim, float[] data) {
        if (data.length != (long) rows * dim) {
            throw new IllegalArgumentException("data length " + data.length + " is not " + rows + " x " + dim);
        }
        this.rows = rows;
        this.dim = dim;
        this.data = data;
    }

    /** Fills the table uniformly in [-bound, bound]. */
    public EmbeddingTable initUniform(double bound, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
        return this;
    }

    public int rows() {
        return rows;
    }

    public int dim() {
        return dim;
    }

    /** The backing array; row {@code i} starts at {@code offset(i)}. */
    public float[] data() {
        return data;
    }

    public int offset(int row) {
        return row * dim;
    }

    public EmbeddingTable copy() {
        return new EmbeddingTable(rows, dim, data.clone());
    }
}
