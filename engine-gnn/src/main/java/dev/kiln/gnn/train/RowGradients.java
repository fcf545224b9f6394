package dev.kiln.gnn.train;

import java.util.Arrays;

/**
 * A thread's sparse gradient for one table: the rows touched in the current batch, each with a
 * dense gradient slot. Shared negatives appear in many pairs, so their gradients accumulate in
 * one slot and each row gets one optimiser update per batch.
 */
final class RowGradients {
    private final int dim;
    private final int[] slotOf;
    private int[] rows = new int[256];
    private float[] grads;
    private int used;

    RowGradients(int numRows, int dim) {
        this.dim = dim;
        this.slotOf = new int[numRows];
        Arrays.fill(slotOf, -1);
        this.grads = new float[256 * dim];
    }

    /** Offset of the row's gradient slot in {@link #grads()}, creating a zeroed slot if needed. */
    int slot(int row) {
        int s = slotOf[row];
        if (s >= 0) {
            return s * dim;
        }
        if (used == rows.length) {
            rows = Arrays.copyOf(rows, used * 2);
            grads = Arrays.copyOf(grads, used * 2 * dim);
        }
        s = used++;
        slotOf[row] = s;
        rows[s] = row;
        Arrays.fill(grads, s * dim, (s + 1) * dim, 0f);
        return s * dim;
    }

    float[] grads() {
        return grads;
    }

    int size() {
        return used;
    }

    int row(int slot) {
        return rows[slot];
    }

    void clear() {
        for (int i = 0; i < used; i++) {
            slotOf[rows[i]] = -1;
        }
        used = 0;
    }
}
