package dev.kiln.gnn.train;

import dev.kiln.gnn.data.Permutations;
import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.data.TrueTripleIndex;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The random draws of one training epoch: the order of the positives, then per batch the corrupted side and each
 * chunk's negatives, from seeds of the job's seed and the epoch. The CPU trainer and the GPU trainer both draw
 * through here, which is what makes them train the same model.
 *
 * <p>With {@link TrainConfig#filterNegatives()} a drawn entity that is a known answer (in the training triples) of
 * any of its chunk's queries is drawn again, as the RotatE paper's code does for each positive's own negatives.
 * Why: a uniform draw for a query with many answers, such as the heads of {@code (?, nationality, USA)} on
 * FB15k-237, is often one of those answers, and self-adversarial weighting then gives that false negative, which
 * the model rightly scores high, the largest weight, pushing a true triple down. With negatives shared by a chunk,
 * an entity true for one query is skipped for the whole chunk: a slightly narrower draw for the others, and the
 * same negatives for every positive still, so the block kernels and the GPU kernels need no mask.
 */
public final class EpochDraws {
    /** Redraws per slot before an answer is kept: reached only where a chunk's answers cover nearly every entity. */
    private static final int MAX_REDRAWS = 64;

    private final int[] order;
    private final SplittableRandom rnd;
    private final Triples train;
    private final TrueTripleIndex answers;
    private final int entities;
    private final int numNegs;
    private final int chunkSize;
    private final int[][] chunkAnswers;

    /** Draws from {@code training}'s triples, filtered when it holds their answers. */
    public EpochDraws(TrainConfig cfg, int epoch, TrainingTriples training, int entities) {
        this.train = training.triples();
        this.answers = training.answers();
        this.order = Permutations.shuffled(train.size(), new SplittableRandom(cfg.seed() * 1_000_003L + epoch));
        this.rnd = new SplittableRandom(cfg.seed() * 7919L + epoch * 131L);
        this.entities = entities;
        this.numNegs = cfg.numNegs();
        this.chunkSize = cfg.negChunkSize();
        this.chunkAnswers = new int[chunkSize][];
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
     * Draws batch {@code batch}, the positives {@code order[from..from + positives)}: returns whether it corrupts
     * tails (alternating, from a random start) and writes chunk c's negatives to {@code out[offset + c * numNegs ..]}.
     * Batches are drawn in order.
     */
    public boolean draw(int batch, int from, int positives, int[] out, int offset) {
        boolean corruptTail = ((batch + rnd.nextInt(2)) & 1) == 0;
        if (answers == null) {
            int n = chunks(positives) * numNegs;
            for (int i = 0; i < n; i++) {
                out[offset + i] = rnd.nextInt(entities);
            }
            return corruptTail;
        }
        for (int c = 0, p0 = 0; p0 < positives; c++, p0 += chunkSize) {
            int m = Math.min(positives - p0, chunkSize);
            for (int p = 0; p < m; p++) {
                int i = order[from + p0 + p];
                chunkAnswers[p] = corruptTail ? answers.tails(train.heads()[i], train.relations()[i])
                        : answers.heads(train.relations()[i], train.tails()[i]);
            }
            for (int j = 0; j < numNegs; j++) {
                int e = rnd.nextInt(entities);
                for (int tries = 0; tries < MAX_REDRAWS && isAnswer(e, m); tries++) {
                    e = rnd.nextInt(entities);
                }
                out[offset + c * numNegs + j] = e;
            }
        }
        return corruptTail;
    }

    private boolean isAnswer(int entity, int m) {
        for (int p = 0; p < m; p++) {
            if (Arrays.binarySearch(chunkAnswers[p], entity) >= 0) {
                return true;
            }
        }
        return false;
    }
}
