package dev.kiln.gnn.train;

import dev.kiln.gnn.data.Permutations;
import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.CandidateBlock;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.Kernels;
import dev.kiln.gnn.model.KgeModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Mini-batch training of a {@link KgeModel}: each thread takes a slice of the shuffled triples and
 * updates the shared tables in place (Hogwild, as DGL-KE's multi-process CPU training). A batch
 * corrupts either heads or tails (alternating), in chunks whose positives share one set of
 * uniformly sampled negative entities, scored and differentiated as one block (query rows against
 * the gathered negatives: matrix products for DistMult and L2 TransE, see
 * {@link KgeModel#scoreBlock}); each touched row then gets one sparse optimiser update.
 */
public final class KgeTrainer implements AutoCloseable {
    private final KgeModel model;
    private final EmbeddingTable entities;
    private final EmbeddingTable relations;
    private final SparseOptimizer entityOpt;
    private final SparseOptimizer relationOpt;
    private final LossFunction loss;
    private final TrainConfig cfg;
    private final ExecutorService pool;

    public KgeTrainer(KgeModel model, EmbeddingTable entities, EmbeddingTable relations, SparseOptimizer entityOpt,
                      SparseOptimizer relationOpt, LossFunction loss, TrainConfig cfg) {
        this.model = model;
        this.entities = entities;
        this.relations = relations;
        this.entityOpt = entityOpt;
        this.relationOpt = relationOpt;
        this.loss = loss;
        this.cfg = cfg;
        this.pool = Executors.newFixedThreadPool(cfg.threads(), r -> {
            Thread t = new Thread(r, "kge-train");
            t.setDaemon(true);
            return t;
        });
    }

    /** Outcome of one pass: mean loss per positive over the batches run, and whether it ran to the end. */
    public record EpochResult(double meanLoss, long positives, boolean complete) {}

    /** Runs one epoch over {@code train}; {@code stop} is checked before each batch. */
    public EpochResult epoch(Triples train, int epoch, BooleanSupplier stop) throws InterruptedException {
        int[] perm = Permutations.shuffled(train.size(), new SplittableRandom(cfg.seed() * 1_000_003L + epoch));
        int n = cfg.threads();
        List<Future<double[]>> parts = new ArrayList<>();
        for (int w = 0; w < n; w++) {
            int from = (int) ((long) perm.length * w / n), to = (int) ((long) perm.length * (w + 1) / n);
            long seed = cfg.seed() * 7919L + epoch * 131L + w;
            parts.add(pool.submit(() -> new Worker(seed).run(train, perm, from, to, stop)));
        }
        double lossSum = 0;
        long count = 0;
        boolean complete = true;
        for (Future<double[]> f : parts) {
            try {
                double[] r = f.get();
                lossSum += r[0];
                count += (long) r[1];
                complete &= r[2] > 0;
            } catch (ExecutionException e) {
                throw new IllegalStateException("training thread failed: " + e.getCause(), e.getCause());
            }
        }
        return new EpochResult(count == 0 ? Double.NaN : lossSum / count, count, complete && !stop.getAsBoolean());
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** One thread's buffers; nothing here is shared except the tables and optimiser state. */
    private final class Worker {
        private final SplittableRandom rnd;
        private final RowGradients entG = new RowGradients(entities.rows(), entities.dim());
        private final RowGradients relG = new RowGradients(relations.rows(), relations.dim());
        private final int[] negs = new int[cfg.numNegs()];
        private final float[] posGrad = new float[1];
        private final CandidateBlock negBlock = new CandidateBlock(model.entityDim(), cfg.numNegs());
        // One array per row: the block kernels' and the models' inner loops then run from index 0 over every
        // array they touch and vectorise (CandidateBlock says why). The chunk's anchor, relation and true
        // rows are copied out of the tables for the same reason.
        private final float[][] chunkA = new float[cfg.negChunkSize()][model.entityDim()];
        private final float[][] chunkR = new float[cfg.negChunkSize()][model.relationDim()];
        private final float[][] chunkT = new float[cfg.negChunkSize()][model.entityDim()];
        // The rows the block products sweep are padded for the vector kernels (Kernels.padded).
        private final float[][] chunkQ = new float[cfg.negChunkSize()][Kernels.padded(model.entityDim())];
        private final float[][] chunkDq = new float[cfg.negChunkSize()][Kernels.padded(model.entityDim())];
        private final float[][] negGrads = new float[cfg.numNegs()][];
        private final float[][] chunkScores = new float[cfg.negChunkSize()][Kernels.padded(cfg.numNegs())];
        private final float[][] chunkG = new float[cfg.negChunkSize()][cfg.numNegs()];
        private final float[] posScores = new float[cfg.negChunkSize()];
        private final float[] posGrads = new float[cfg.negChunkSize()];

        Worker(long seed) {
            this.rnd = new SplittableRandom(seed);
        }

        /** Returns {loss sum, positives, 1 if complete}. */
        double[] run(Triples train, int[] perm, int from, int to, BooleanSupplier stop) {
            double lossSum = 0;
            long done = 0;
            int batch = 0;
            for (int b = from; b < to; b += cfg.batchSize(), batch++) {
                if (stop.getAsBoolean()) {
                    return new double[] {lossSum, done, 0};
                }
                int e = Math.min(to, b + cfg.batchSize());
                // Alternate corrupted side per batch and per thread so both directions train evenly.
                lossSum += batch(train, perm, b, e, ((batch + rnd.nextInt(2)) & 1) == 0);
                done += e - b;
            }
            return new double[] {lossSum, done, 1};
        }

        private double batch(Triples tr, int[] perm, int from, int to, boolean corruptTail) {
            float[] E = entities.data(), R = relations.data();
            float scale = 1f / (to - from);
            int k = cfg.numNegs(), d = model.entityDim(), dr = model.relationDim();
            double lossSum = 0;
            for (int c = from; c < to; c += cfg.negChunkSize()) {
                for (int j = 0; j < k; j++) {
                    negs[j] = rnd.nextInt(entities.rows());
                    // A negative drawn twice gets the same slot twice: the block gradient adds into it per draw.
                    negGrads[j] = entG.of(negs[j]);
                }
                negBlock.gather(E, negs, k);
                int m = Math.min(to, c + cfg.negChunkSize()) - c;
                // Forward: the chunk's queries, then all of them against the shared negatives as one block.
                for (int p = 0; p < m; p++) {
                    int i = perm[c + p];
                    int anchor = corruptTail ? tr.heads()[i] : tr.tails()[i];
                    int truth = corruptTail ? tr.tails()[i] : tr.heads()[i];
                    System.arraycopy(E, entities.offset(anchor), chunkA[p], 0, d);
                    System.arraycopy(E, entities.offset(truth), chunkT[p], 0, d);
                    System.arraycopy(R, relations.offset(tr.relations()[i]), chunkR[p], 0, dr);
                    model.query(chunkA[p], 0, chunkR[p], 0, corruptTail, chunkQ[p]);
                    posScores[p] = model.score(chunkQ[p], chunkT[p], 0);
                }
                model.scoreBlock(chunkQ, m, negBlock, chunkScores);
                for (int p = 0; p < m; p++) {
                    float[] g = chunkG[p];
                    lossSum += loss.apply(posScores[p], chunkScores[p], k, posGrad, g);
                    posGrads[p] = posGrad[0] * scale;
                    for (int j = 0; j < k; j++) {
                        g[j] *= scale;
                    }
                    Arrays.fill(chunkDq[p], 0f);
                }
                // Backward: the block's products give every query's gradient and add every shared negative's
                // straight into its gradient slot.
                model.scoreBlockGradient(chunkQ, m, negBlock, chunkScores, chunkG, chunkDq, negGrads);
                for (int p = 0; p < m; p++) {
                    int i = perm[c + p];
                    int anchor = corruptTail ? tr.heads()[i] : tr.tails()[i];
                    int truth = corruptTail ? tr.tails()[i] : tr.heads()[i];
                    float[] aG = entG.of(anchor), tG = entG.of(truth), rG = relG.of(tr.relations()[i]);
                    model.scoreGradient(chunkQ[p], chunkT[p], 0, posGrads[p], chunkDq[p], tG, 0);
                    model.queryGradient(chunkA[p], 0, chunkR[p], 0, corruptTail, chunkQ[p], chunkDq[p], aG, 0, rG, 0);
                    if (cfg.regularizationCoef() > 0) {
                        float coef = (float) cfg.regularizationCoef() * scale;
                        regularise(chunkA[p], aG, coef);
                        regularise(chunkT[p], tG, coef);
                        regularise(chunkR[p], rG, coef);
                    }
                }
            }
            for (int s = 0; s < entG.size(); s++) {
                int row = entG.row(s);
                entityOpt.update(entities, row, entG.grad(s), 0);
                model.project(entities, row);
            }
            for (int s = 0; s < relG.size(); s++) {
                relationOpt.update(relations, relG.row(s), relG.grad(s), 0);
            }
            entG.clear();
            relG.clear();
            return lossSum;
        }

        /** Adds the gradient of coef * |x|^p (p = 2 or 3). */
        private void regularise(float[] w, float[] g, float coef) {
            if (cfg.regularizationNorm() == 3) {
                for (int i = 0; i < w.length; i++) {
                    float x = w[i];
                    g[i] += coef * 3f * x * Math.abs(x);
                }
            } else {
                for (int i = 0; i < w.length; i++) {
                    g[i] += coef * 2f * w[i];
                }
            }
        }
    }
}
