package dev.kiln.bench.gnn.backend;

/**
 * The hot loops of engine-gnn, written once per compute backend so they can be timed side by side.
 * Every implementation computes the same numbers from the same {@link KgeWorkload} and {@link GraphWorkload}
 * (up to float rounding), which {@code HotLoopsTest} checks.
 *
 * <p>Not thread-safe: one caller at a time; an implementation uses {@code threads} threads inside each call.
 * Results are backend-owned handles; {@link #floats(Object)} copies one into a Java array.
 */
public interface HotLoops extends AutoCloseable {

    /** DistMult scores of the chunk's positives against its shared negatives ({@code chunk x negatives}), gathers included. */
    Object scoreDistMult();

    /** TransE (L2) scores of the same chunk: {@code -||h + r - n||}. */
    Object scoreTransE();

    /** Row-wise Adagrad of the scatter rows: repeated rows' gradients are summed, then each row is updated once. */
    void adagradScatter();

    /** One RGCN layer's message passing: per-basis projection, then the normalised sum of messages per node. */
    Object rgcnMessagePassing();

    /**
     * {@code batches} DistMult training batches with logistic loss and Adagrad on the touched rows, starting at
     * pooled batch {@code first}; returns the summed loss over positives.
     */
    double trainSteps(int first, int batches);

    /** A copy of one entity row as it is now (to compare updates across backends). */
    float[] entityRow(int row);

    /** A result handle returned by this backend, copied into a flat Java array; the handle is released. */
    float[] floats(Object result);

    /** Frees a result handle's native memory now (DJL); a no-op where the garbage collector owns it. */
    default void release(Object result) {}

    @Override
    void close();

    /** The implementation named {@code java}, {@code nd4j} or {@code djl}. */
    static HotLoops of(String backend, KgeWorkload kge, GraphWorkload graph, int threads) {
        return switch (backend) {
            case "java" -> new JavaHotLoops(kge, graph, threads);
            case "nd4j" -> new Nd4jHotLoops(kge, graph, threads);
            case "djl" -> new DjlHotLoops(kge, graph, threads);
            default -> throw new IllegalArgumentException("Unknown backend '" + backend + "': java, nd4j or djl");
        };
    }
}
