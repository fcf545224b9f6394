package dev.kiln.gnn.model;

/**
 * Candidate entity rows copied out of the table for scoring many queries at once: the rows
 * (k arrays of dim, for gradients), the same values transposed (dim arrays of k, so scoring a
 * query is a sweep along candidates) and their squared norms (distance models). One array per
 * row keeps every inner loop at offset 0, the form C2 (JDK 17) turns into SIMD code; the same
 * loops over one flat array with row offsets stay scalar (docs/performance.md, KGE section). Rows and
 * columns are {@link Kernels#padded} for the vector kernels.
 * A chunk's shared negatives are gathered once and used by every positive of the chunk.
 */
public final class CandidateBlock {
    private final int dim;
    private final int capacity;
    private final float[][] rows;
    private final float[][] cols;
    private final float[] sqNorms;
    private int size;

    /** A block for up to {@code capacity} candidates of {@code dim} floats. */
    public CandidateBlock(int dim, int capacity) {
        this.dim = dim;
        this.capacity = capacity;
        this.rows = new float[capacity][Kernels.padded(dim)];
        this.cols = new float[dim][Kernels.padded(capacity)];
        this.sqNorms = new float[capacity];
    }

    /** Copies entity rows {@code ids[0..n)} of {@code ent} (flat, {@code dim} floats per row). */
    public CandidateBlock gather(float[] ent, int[] ids, int n) {
        if (n > capacity) {
            throw new IllegalArgumentException(n + " candidates exceed the block's capacity " + capacity);
        }
        for (int j = 0; j < n; j++) {
            System.arraycopy(ent, ids[j] * dim, rows[j], 0, dim);
        }
        size = n;
        for (int j = 0; j < n; j++) {
            float[] r = rows[j];
            float s = 0;
            for (int l = 0; l < dim; l++) {
                cols[l][j] = r[l];
                s += r[l] * r[l];
            }
            sqNorms[j] = s;
        }
        return this;
    }

    /** Every row of {@code table}, in order (an evaluator's candidate set). */
    public static CandidateBlock of(EmbeddingTable table) {
        int[] all = new int[table.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return new CandidateBlock(table.dim(), table.rows()).gather(table.data(), all, all.length);
    }

    public int size() {
        return size;
    }

    public int dim() {
        return dim;
    }

    /** {@code rows()[j]} is candidate j. */
    public float[][] rows() {
        return rows;
    }

    /** {@code cols()[l][j]} is coordinate l of candidate j (only the first {@link #size()} entries are set). */
    public float[][] cols() {
        return cols;
    }

    public float[] sqNorms() {
        return sqNorms;
    }
}
