package dev.kiln.gnn.train;

import dev.kiln.gnn.data.Triples;
import java.util.function.BooleanSupplier;

/**
 * Runs training epochs of a knowledge-graph embedding model over the host's tables and optimiser state: on CPU
 * threads ({@link KgeTrainer}) or on a GPU ({@code dev.kiln.gnn.cuda.CudaKgeTrainer}), which keeps its own copies on
 * the device and writes them back on {@link #sync()}.
 */
public interface EpochTrainer extends AutoCloseable {

    /** Outcome of one pass: mean loss per positive over the batches run, and whether it ran to the end. */
    record EpochResult(double meanLoss, long positives, boolean complete) {}

    /** Runs one epoch over {@code train}; {@code stop} is checked before each batch. */
    EpochResult epoch(Triples train, int epoch, BooleanSupplier stop) throws InterruptedException;

    /**
     * Brings the host's tables and optimiser state up to date with the training so far, before they are evaluated,
     * copied or checkpointed. The CPU trainer trains them in place, so this does nothing there.
     */
    default void sync() {}

    /** Where training runs, for the job's log ({@code "2 threads, vector kernels"}, {@code "GPU 0 (...)"}). */
    String description();

    @Override
    void close();
}
