package dev.kiln.gnn.train;

import dev.kiln.gnn.model.CandidateBlock;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.Kernels;
import dev.kiln.gnn.model.KgeModel;
import java.util.Arrays;

/**
 * One training batch with one thread's buffers: per chunk of positives, the shared negatives are gathered
 * once into a {@link CandidateBlock}, the chunk's anchor, relation and true rows copied out, all queries scored
 * against the block at once ({@link KgeModel#scoreBlock}), the loss taken, the block's gradient
 * ({@link KgeModel#scoreBlockGradient}) added straight into one gradient array per touched row; then each touched
 * row gets one optimiser update. {@link KgeTrainer}'s threads each run one over their chunks of a batch
 * ({@link #accumulate}) and then update their share of the rows ({@link #applyMerged}); public so that the
 * benchmarks' plain-Java backend runs this same step.
 */
public final class BatchStep {
    /** The negatives of chunk {@code chunk} of the current batch: fills {@code out[0..out.length)} with entity ids. */
    @FunctionalInterface
    public interface Negatives {
        void fill(int chunk, int[] out);
    }

    private final KgeModel model;
    private final EmbeddingTable entities;
    private final EmbeddingTable relations;
    private final SparseOptimizer entityOpt;
    private final SparseOptimizer relationOpt;
    private final LossFunction loss;
    private final TrainConfig cfg;
    private final RowGradients entG;
    private final RowGradients relG;
    private final int[] negs;
    private final float[] posGrad = new float[1];
    private final CandidateBlock negBlock;
    // One array per row: the block kernels' and the models' inner loops then run from index 0 over every
    // array they touch and vectorise (CandidateBlock says why). The chunk's anchor, relation and true
    // rows are copied out of the tables for the same reason.
    private final float[][] chunkA;
    private final float[][] chunkR;
    private final float[][] chunkT;
    // The rows the block products sweep are padded for the vector kernels (Kernels.padded).
    private final float[][] chunkQ;
    private final float[][] chunkDq;
    private final float[][] negGrads;
    private final float[][] chunkScores;
    private final float[][] chunkG;
    private final float[] posScores;
    private final float[] posGrads;

    /** Uses the setup's negatives, chunk size and regulariser; its batch size, threads and seed are the caller's. */
    public BatchStep(KgeSetup setup) {
        // the inner loops read these as plain final fields
        this.model = setup.model();
        this.entities = setup.entities();
        this.relations = setup.relations();
        this.entityOpt = setup.entityOpt();
        this.relationOpt = setup.relationOpt();
        this.loss = setup.loss();
        this.cfg = setup.cfg();
        int c = cfg.negChunkSize(), k = cfg.numNegs(), d = model.entityDim();
        entG = new RowGradients(entities.rows(), entities.dim());
        relG = new RowGradients(relations.rows(), relations.dim());
        negs = new int[k];
        negBlock = new CandidateBlock(d, k);
        chunkA = new float[c][d];
        chunkR = new float[c][model.relationDim()];
        chunkT = new float[c][d];
        chunkQ = new float[c][Kernels.padded(d)];
        chunkDq = new float[c][Kernels.padded(d)];
        negGrads = new float[k][];
        chunkScores = new float[c][Kernels.padded(k)];
        chunkG = new float[c][k];
        posScores = new float[c];
        posGrads = new float[c];
    }

    /**
     * Trains on the positives {@code order[from..to)} of the triple arrays (heads, relations, tails), corrupting
     * tails or heads; returns the loss summed over those positives.
     */
    public double run(int[] heads, int[] rels, int[] tails, int[] order, int from, int to, boolean corruptTail,
                      Negatives negatives) {
        double loss = accumulate(heads, rels, tails, order, from, to, 0, to - from, null, corruptTail, negatives);
        apply();
        return loss;
    }

    /**
     * Adds the gradients of the positives {@code order[from..to)} into this step's per-row buffers, without
     * updating anything: the part of a batch of {@code batchSize} positives (the loss is the batch's mean) whose
     * first chunk is the batch's chunk {@code firstChunk}. With {@code factors}, the positive at {@code order[i]}
     * counts {@code factors[i]} times in that mean ({@link SubsamplingWeights#factors}); the regulariser does not.
     * Returns the loss summed over those positives, each counted once.
     */
    public double accumulate(int[] heads, int[] rels, int[] tails, int[] order, int from, int to, int firstChunk,
                             int batchSize, float[] factors, boolean corruptTail, Negatives negatives) {
        float[] E = entities.data(), R = relations.data();
        float uniform = 1f / batchSize;
        int k = cfg.numNegs(), d = model.entityDim(), dr = model.relationDim();
        double lossSum = 0;
        for (int c = from, chunk = firstChunk; c < to; c += cfg.negChunkSize(), chunk++) {
            negatives.fill(chunk, negs);
            for (int j = 0; j < k; j++) {
                // A negative drawn twice gets the same slot twice: the block gradient adds into it per draw.
                negGrads[j] = entG.of(negs[j]);
            }
            negBlock.gather(E, negs, k);
            int m = Math.min(to, c + cfg.negChunkSize()) - c;
            // Forward: the chunk's queries, then all of them against the shared negatives as one block.
            for (int p = 0; p < m; p++) {
                int i = order[c + p];
                System.arraycopy(E, entities.offset(corruptTail ? heads[i] : tails[i]), chunkA[p], 0, d);
                System.arraycopy(E, entities.offset(corruptTail ? tails[i] : heads[i]), chunkT[p], 0, d);
                System.arraycopy(R, relations.offset(rels[i]), chunkR[p], 0, dr);
                model.query(chunkA[p], 0, chunkR[p], 0, corruptTail, chunkQ[p]);
                posScores[p] = model.score(chunkQ[p], chunkT[p], 0);
            }
            model.scoreBlock(chunkQ, m, negBlock, chunkScores);
            for (int p = 0; p < m; p++) {
                float[] g = chunkG[p];
                float scale = factors == null ? uniform : factors[c + p] * uniform;
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
                int i = order[c + p];
                float[] aG = entG.of(corruptTail ? heads[i] : tails[i]), tG = entG.of(corruptTail ? tails[i] : heads[i]);
                float[] rG = relG.of(rels[i]);
                model.scoreGradient(chunkQ[p], chunkT[p], 0, posGrads[p], chunkDq[p], tG, 0);
                model.queryGradient(chunkA[p], 0, chunkR[p], 0, corruptTail, chunkQ[p], chunkDq[p], aG, 0, rG, 0);
                if (cfg.regularizationCoef() > 0) {
                    float coef = (float) cfg.regularizationCoef() * uniform;
                    regularise(chunkA[p], aG, coef);
                    regularise(chunkT[p], tG, coef);
                    regularise(chunkR[p], rG, coef);
                }
            }
        }
        return lossSum;
    }

    /** One optimiser update for each row this step accumulated a gradient for, then clears the buffers. */
    public void apply() {
        for (int s = 0; s < entG.size(); s++) {
            int row = entG.row(s);
            entityOpt.update(entities, row, entG.grad(s), 0);
            model.project(entities, row);
        }
        for (int s = 0; s < relG.size(); s++) {
            relationOpt.update(relations, relG.row(s), relG.grad(s), 0);
        }
        clear();
    }

    /**
     * The update of a batch that {@code steps} accumulated between them, for the rows step {@code worker} owns: those
     * it touched and no earlier step did. Each gets one update with the sum of its gradients in step order, so the
     * result does not depend on which thread ran which chunk beyond float rounding; most rows are touched by one
     * step only, so the thread that computed a gradient applies it, from its own cache.
     */
    public static void applyMerged(BatchStep[] steps, int worker) {
        BatchStep first = steps[0], own = steps[worker];
        float[] sum = new float[Kernels.padded(Math.max(first.entities.dim(), first.relations.dim()))];
        for (int s = 0; s < own.entG.size(); s++) {
            int row = own.entG.row(s);
            float[] g = merged(steps, worker, true, row, own.entG.grad(s), sum);
            if (g != null) {
                first.entityOpt.update(first.entities, row, g, 0);
                first.model.project(first.entities, row);
            }
        }
        for (int s = 0; s < own.relG.size(); s++) {
            int row = own.relG.row(s);
            float[] g = merged(steps, worker, false, row, own.relG.grad(s), sum);
            if (g != null) {
                first.relationOpt.update(first.relations, row, g, 0);
            }
        }
    }

    /**
     * The row's whole gradient: {@code own} when no later step has the row (most rows: chunks draw their own
     * negatives), else the sum of steps[i..]'s in {@code sum}; null when an earlier step has it (updated there).
     */
    private static float[] merged(BatchStep[] steps, int i, boolean entity, int row, float[] own, float[] sum) {
        for (int j = 0; j < i; j++) {
            if ((entity ? steps[j].entG : steps[j].relG).find(row) != null) {
                return null;
            }
        }
        float[] out = own;
        for (int j = i + 1; j < steps.length; j++) {
            float[] g = (entity ? steps[j].entG : steps[j].relG).find(row);
            if (g != null) {
                if (out == own) {
                    System.arraycopy(own, 0, sum, 0, own.length);
                    out = sum;
                }
                for (int l = 0; l < g.length; l++) {
                    sum[l] += g[l];
                }
            }
        }
        return out;
    }

    /** Forgets the accumulated gradients (after {@link #applyMerged}). */
    public void clear() {
        entG.clear();
        relG.clear();
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
