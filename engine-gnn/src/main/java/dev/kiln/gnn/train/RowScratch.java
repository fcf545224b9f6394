package dev.kiln.gnn.train;

/**
 * Per-thread rows of {@code dim} floats for the optimisers' row updates. C2 (JDK 17) vectorises a
 * loop over several arrays only when they are all indexed from the same offset; a table row sits
 * at {@code row * dim} of one flat array, so the update loop over it and a gradient stays scalar.
 * Copying the row into a scratch array (an intrinsic copy of 800 bytes) and back costs less than
 * the scalar sqrt and divide it saves (about 1.6x per row in a throwaway check). No two threads
 * update one row at once: {@link KgeTrainer} gives each row of a batch to one thread.
 */
final class RowScratch {
    private final ThreadLocal<float[][]> rows;

    RowScratch(int dim, int count) {
        this.rows = ThreadLocal.withInitial(() -> new float[count][dim]);
    }

    /** This thread's scratch rows. */
    float[][] rows() {
        return rows.get();
    }

    /** {@code grad} itself when its values start at index 0, else a copy of them in {@code spare}. */
    float[] atZero(float[] grad, int gOff, float[] spare) {
        if (gOff == 0) {
            return grad;
        }
        System.arraycopy(grad, gOff, spare, 0, spare.length);
        return spare;
    }
}
