package dev.kiln.gnn.rgcn;

import java.util.SplittableRandom;

/**
 * One link-prediction batch in the ids of the encoder's output rows: positive k is
 * {@code (heads[k], relations[k], tails[k])}; positives are grouped into chunks of {@code chunkSize}
 * (the last may be shorter) and chunk c shares the negatives {@code negatives[c*numNegs ..]}, which
 * replace its positives' tails where {@code corruptTail[c]} is set and their heads otherwise (DGL-KE's
 * chunked sampling: one draw of negatives serves a whole chunk, so scoring is a chunk-by-negatives
 * product instead of per-positive draws).
 */
record LinkBatch(int[] heads, int[] relations, int[] tails, int chunkSize, int numNegs, int[] negatives,
                 boolean[] corruptTail) {

    int size() {
        return heads.length;
    }

    int numChunks() {
        return corruptTail.length;
    }

    /**
     * Draws the negatives of a batch of {@code batchSize} positives, in entity ids below {@code numNodes}:
     * per chunk, first the side it corrupts, then its {@code numNegs} uniform entities. They come apart
     * from the batch so that the sampler can map them to its blocks' local ids first.
     */
    static Draw draw(int batchSize, int chunkSize, int numNegs, int numNodes, SplittableRandom rnd) {
        int chunks = (batchSize + chunkSize - 1) / chunkSize;
        int[] negatives = new int[chunks * numNegs];
        boolean[] corruptTail = new boolean[chunks];
        for (int c = 0; c < chunks; c++) {
            corruptTail[c] = rnd.nextBoolean();
            for (int q = c * numNegs; q < (c + 1) * numNegs; q++) {
                negatives[q] = rnd.nextInt(numNodes);
            }
        }
        return new Draw(negatives, corruptTail);
    }

    /** A batch's drawn negatives (entity ids) and sides. */
    record Draw(int[] negatives, boolean[] corruptTail) {}
}
