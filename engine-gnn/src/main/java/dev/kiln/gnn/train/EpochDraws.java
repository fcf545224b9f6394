package dev.kiln.gnn.train;

import dev.kiln.gnn.data.Permutations;
import java.util.SplittableRandom;

/**
 * The random draws of one training epoch: the order of the positives, then per batch the corrupted side and each
 * chunk's negatives, from seeds of the job's seed and the epoch. The CPU trainer and the GPU trainer both draw
 * through here, which is what makes them train the same model.
 */
public final class EpochDraws {
    private final int[] order;
    private final SplittableRandom rnd;
    private final int entities;
    private final int numNegs;
    private final int chunkSize;

    public EpochDraws(TrainConfig cfg, int epoch, int positives, int entities) {
        this.order = Permutations.shuffled(positives, new SplittableRandom(cfg.seed() * 1_000_003L + epoch));
        this.rnd = new SplittableRandom(cfg.seed() * 7919L + epoch * 131L);
        this.entities = entities;
        this.numNegs = cfg.numNegs();
        this.chunkSize = cfg.negChunkSize();
    }

    /** The epoch's order of the positives (batch b is order[b * batchSize ..]). */
    public int[] order() {
        return order;
    }

    /** Chunks in a batch of {@code positives}. */
    public int chunks(int positives) {
        return (positives + chunkSize - 1) / chunkSize;
    }

    /**
     * Draws batch {@code batch} of {@code positives}: returns whether it corrupts tails (alternating, from a random
     * start) and writes chunk c's negatives to {@code out[offset + c * numNegs ..]}. Batches are drawn in order.
     */
    public boolean draw(int batch, int positives, int[] out, int offset) {
        boolean corruptTail = ((batch + rnd.nextInt(2)) & 1) == 0;
        int n = chunks(positives) * numNegs;
        for (int i = 0; i < n; i++) {
            out[offset + i] = rnd.nextInt(entities);
        }
        return corruptTail;
    }
}
