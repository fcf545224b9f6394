package dev.kiln.gnn.train;

/**
 * Settings of the training loop.
 *
 * @param negChunkSize positives per chunk sharing one set of {@code numNegs} negatives (DGL-KE's neg_chunk_size)
 * @param regularizationNorm 2 or 3 (the p of coef * |x|^p on the embeddings a batch uses)
 * @param filterNegatives whether a chunk's negatives skip the known training answers of its queries
 *                        ({@link EpochDraws})
 * @param subsamplingWeight whether each positive's loss is weighted by {@link SubsamplingWeights} (the RotatE
 *                          paper's code) rather than all alike
 */
public record TrainConfig(int batchSize, int numNegs, int negChunkSize, double regularizationCoef,
                          int regularizationNorm, int threads, long seed, boolean filterNegatives,
                          boolean subsamplingWeight) {
    public TrainConfig {
        if (batchSize < 1 || numNegs < 1 || negChunkSize < 1 || threads < 1) {
            throw new IllegalArgumentException("batch size, negatives, chunk size and threads must be positive");
        }
        if (regularizationNorm != 2 && regularizationNorm != 3) {
            throw new IllegalArgumentException("regularization-norm must be 2 or 3");
        }
    }

    /** Uniform negatives, unfiltered, and positives weighed alike. */
    public TrainConfig(int batchSize, int numNegs, int negChunkSize, double regularizationCoef, int regularizationNorm,
                       int threads, long seed) {
        this(batchSize, numNegs, negChunkSize, regularizationCoef, regularizationNorm, threads, seed, false, false);
    }
}
