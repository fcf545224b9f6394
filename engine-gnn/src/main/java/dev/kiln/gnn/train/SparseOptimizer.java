package dev.kiln.gnn.train;

import dev.kiln.gnn.model.EmbeddingTable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Updates only the rows a batch touched (a dense update over 15k entities per batch would cost
 * more than the batch). One instance per embedding table; state is saved with checkpoints.
 */
public interface SparseOptimizer {

    /** Applies {@code grad[gOff..gOff+dim)} to {@code row}. Threads may call it concurrently for different rows. */
    void update(EmbeddingTable table, int row, float[] grad, int gOff);

    /** {@code adagrad} or {@code adam}, as {@link #create} takes it. */
    String name();

    /** The learning rate. */
    double lr();

    /**
     * Sets the learning rate (a schedule's decay). Called between epochs only: the trainers hand work to their
     * threads afresh each epoch, and the GPU trainer reads {@link #lr()} at each update.
     */
    void setLr(double lr);

    /**
     * The per-element state, laid out as the table's data (Adagrad: the squared-gradient sums; Adam: the first and
     * second moments): live arrays, which a GPU trainer reads at its start and writes back on sync.
     */
    float[][] state();

    /** Per-row update counts (Adam's bias correction), live; null for Adagrad. */
    default int[] rowSteps() {
        return null;
    }

    void save(DataOutputStream out) throws IOException;

    void load(DataInputStream in) throws IOException;

    /** Creates an optimizer by name ({@code adagrad} or {@code adam}). */
    static SparseOptimizer create(String name, EmbeddingTable table, double lr) {
        return switch (name) {
            case "adagrad" -> new SparseAdagrad(table, lr);
            case "adam" -> new SparseAdam(table, lr);
            default -> throw new IllegalArgumentException("optimizer must be adagrad or adam, got " + name);
        };
    }
}
