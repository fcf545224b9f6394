package dev.kiln.gnn.train;

import java.util.Arrays;

/**
 * A thread's sparse gradient for one table: the rows touched in the current batch, each with a
 * dense gradient slot. Shared negatives appear in many pairs, so their gradients accumulate in
 * one slot and each row gets one optimiser update per batch. Each slot is its own array, indexed
 * from 0 like the block kernels' rows, so the loops that add into it vectorise; slots are kept
 * and reused from batch to batch.
 */
final class RowGradients {
    private final int dim;
    private final int[] slotOf;
    private int[] rows = new int[256];
    private float[][] slots = new float[256][];
    private int used;

    RowGradients(int numRows, int dim) {
        this.dim = dim;
        this.slotOf = new int[numRows];
        Arrays.fill(slotOf, -1);
    }

    /** The row's gradient ({@code dim} floats), zeroed when the row is first touched in a batch. */
    float[] of(int row) {
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
            g = slots[s] = new float[dim];
        } else {
            Arrays.fill(g, 0f);
        }
        return g;
    }

    int size() {
        return used;
    }

    int row(int slot) {
        return rows[slot];
    }

    float[] grad(int slot) {
        return slots[slot];
    }

    void clear() {
        for (int i = 0; i < used; i++) {
            slotOf[rows[i]] = -1;
        }
        used = 0;
    }
}
