package dev.kiln.gnn.train;

import dev.kiln.gnn.model.Kernels;
import java.util.Arrays;

/**
 * A thread's sparse gradient for one table: the rows touched in the current batch, each with a
 * dense gradient slot. Shared negatives appear in many pairs, so their gradients accumulate in
 * one slot and each row gets one optimiser update per batch. Each slot is its own array, indexed
 * from 0 like the block kernels' rows, so the loops that add into it vectorise; slots are kept
 * and reused from batch to batch.
 *
 * <p>Not thread-safe: each training thread owns one per table. The arrays {@link #of} and {@link #grad}
 * return stay owned by this object. Public so that the benchmarks' plain-Java training step shares it.
 */
public final class RowGradients {
    private final int dim;
    private final int[] slotOf;
    private int[] rows = new int[256];
    private float[][] slots = new float[256][];
    private int used;

    /** Gradients for a table of {@code numRows} rows of {@code dim} floats each. */
    public RowGradients(int numRows, int dim) {
        this.dim = dim;
        this.slotOf = new int[numRows];
        Arrays.fill(slotOf, -1);
    }

    /** The row's gradient (the first {@code dim} floats of the array), zeroed when the row is first touched in a batch. */
    public float[] of(int row) {
        int s = slotOf[row];
        if (s >= 0) {
            return slots[s];
        }
        if (used == rows.length) {
            rows = Arrays.copyOf(rows, used * 2);
            slots = Arrays.copyOf(slots, used * 2);
        }
        s = used++;
        slotOf[row] = s;
        rows[s] = row;
        float[] g = slots[s];
        if (g == null) {
            g = slots[s] = new float[Kernels.padded(dim)]; // the block products sweep it in whole vectors
        } else {
            Arrays.fill(g, 0f);
        }
        return g;
    }

    /** The row's gradient when it was touched since the last {@link #clear}, else null. */
    public float[] find(int row) {
        int s = slotOf[row];
        return s >= 0 ? slots[s] : null;
    }

    /** How many rows were touched since the last {@link #clear}; slots run from 0 to {@code size() - 1}. */
    public int size() {
        return used;
    }

    /** The table row held in {@code slot}. */
    public int row(int slot) {
        return rows[slot];
    }

    /** The gradient held in {@code slot}. */
    public float[] grad(int slot) {
        return slots[slot];
    }

    /** Forgets the touched rows, ready for the next batch; the slots' arrays are kept for reuse. */
    public void clear() {
        for (int i = 0; i < used; i++) {
            slotOf[rows[i]] = -1;
        }
        used = 0;
    }
}
