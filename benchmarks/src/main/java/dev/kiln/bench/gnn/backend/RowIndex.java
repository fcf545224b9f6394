package dev.kiln.bench.gnn.backend;

import java.util.Arrays;

/**
 * The distinct rows among a list of row ids, and for each id its position among them, so repeated rows'
 * gradients can be summed (a segment sum) before one optimiser update per row. Every backend builds this on
 * the Java side: ids come from Java samplers anyway.
 *
 * @param unique  distinct rows in order of first appearance
 * @param inverse {@code ids[i] == unique[inverse[i]]}
 */
record RowIndex(int[] unique, int[] inverse) {

    /** Indexes {@code ids} drawn from {@code 0..numRows-1}. */
    static RowIndex of(int numRows, int[]... ids) {
        int[] slot = new int[numRows];
        Arrays.fill(slot, -1);
        int total = 0;
        for (int[] part : ids) {
            total += part.length;
        }
        int[] unique = new int[total];
        int[] inverse = new int[total];
        int used = 0, k = 0;
        for (int[] part : ids) {
            for (int id : part) {
                if (slot[id] < 0) {
                    slot[id] = used;
                    unique[used++] = id;
                }
                inverse[k++] = slot[id];
            }
        }
        return new RowIndex(Arrays.copyOf(unique, used), inverse);
    }

    int size() {
        return unique.length;
    }
}
