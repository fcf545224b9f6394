package dev.kiln.bench.gnn.backend;

import dev.kiln.gnn.model.CandidateBlock;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.Kernels;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.gnn.train.LossFunction;
import dev.kiln.gnn.train.RowGradients;
import dev.kiln.gnn.train.SparseOptimizer;
import java.util.Arrays;

/**
 * One training batch in plain Java, step for step what {@code KgeTrainer}'s worker does (tails corrupted): per
 * chunk of positives, the shared negatives gathered once into a {@link CandidateBlock}, the chunk's anchor,
 * relation and true rows copied out, all queries scored against the block at once
 * ({@link KgeModel#scoreBlock}), the loss, the block's gradient ({@link KgeModel#scoreBlockGradient}) straight
 * into one gradient array per touched row, then one optimiser update per touched row. One instance per thread;
 * the tables and optimisers are shared (Hogwild).
 */
final class TrainBatch {
    private final KgeWorkload w;
    private final KgeModel model;
    private final EmbeddingTable ent;
    private final EmbeddingTable rel;
    private final SparseOptimizer entOpt;
    private final SparseOptimizer relOpt;
    private final LossFunction loss;
    private final RowGradients entG;
    private final RowGradients relG;
    private final CandidateBlock negBlock;
    private final int[] chunkNegs;
    private final float[][] negGrads;
    private final float[][] chunkA;
    private final float[][] chunkR;
    private final float[][] chunkT;
    private final float[][] chunkQ;
    private final float[][] chunkDq;
    private final float[][] chunkScores;
    private final float[][] chunkG;
    private final float[] posScores;
    private final float[] posGrads;
    private final float[] posGrad = new float[1];

    TrainBatch(KgeWorkload w, KgeModel model, EmbeddingTable ent, EmbeddingTable rel, SparseOptimizer entOpt,
               SparseOptimizer relOpt, LossFunction loss) {
        this.w = w;
        this.model = model;
        this.ent = ent;
        this.rel = rel;
        this.entOpt = entOpt;
        this.relOpt = relOpt;
        this.loss = loss;
        int d = w.dim(), k = w.negatives(), c = w.chunk();
        entG = new RowGradients(w.entities(), d);
        relG = new RowGradients(w.relations(), d);
        negBlock = new CandidateBlock(d, k);
        chunkNegs = new int[k];
        negGrads = new float[k][];
        chunkA = new float[c][d];
        chunkR = new float[c][d];
        chunkT = new float[c][d];
        chunkQ = new float[c][Kernels.padded(d)]; // as KgeTrainer: the rows the block products sweep are padded
        chunkDq = new float[c][Kernels.padded(d)];
        chunkScores = new float[c][Kernels.padded(k)];
        chunkG = new float[c][k];
        posScores = new float[c];
        posGrads = new float[c];
    }

    /** Trains on pooled batch {@code b}; returns the loss summed over its positives. */
    double run(int b) {
        int[] heads = w.heads()[b], rels = w.rels()[b], tails = w.tails()[b], negs = w.batchNegs()[b];
        float[] E = ent.data(), R = rel.data();
        int n = heads.length, k = w.negatives(), d = w.dim();
        float scale = 1f / n;
        double lossSum = 0;
        for (int c = 0, chunk = 0; c < n; c += w.chunk(), chunk++) {
            for (int j = 0; j < k; j++) {
                chunkNegs[j] = negs[chunk * k + j];
                negGrads[j] = entG.of(chunkNegs[j]);
            }
            negBlock.gather(E, chunkNegs, k);
            int m = Math.min(n, c + w.chunk()) - c;
            for (int p = 0; p < m; p++) {
                System.arraycopy(E, ent.offset(heads[c + p]), chunkA[p], 0, d);
                System.arraycopy(E, ent.offset(tails[c + p]), chunkT[p], 0, d);
                System.arraycopy(R, rel.offset(rels[c + p]), chunkR[p], 0, d);
                model.query(chunkA[p], 0, chunkR[p], 0, true, chunkQ[p]);
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
            model.scoreBlockGradient(chunkQ, m, negBlock, chunkScores, chunkG, chunkDq, negGrads);
            for (int p = 0; p < m; p++) {
                float[] aG = entG.of(heads[c + p]), tG = entG.of(tails[c + p]), rG = relG.of(rels[c + p]);
                model.scoreGradient(chunkQ[p], chunkT[p], 0, posGrads[p], chunkDq[p], tG, 0);
                model.queryGradient(chunkA[p], 0, chunkR[p], 0, true, chunkQ[p], chunkDq[p], aG, 0, rG, 0);
            }
        }
        for (int s = 0; s < entG.size(); s++) {
            entOpt.update(ent, entG.row(s), entG.grad(s), 0);
        }
        for (int s = 0; s < relG.size(); s++) {
            relOpt.update(rel, relG.row(s), relG.grad(s), 0);
        }
        entG.clear();
        relG.clear();
        return lossSum;
    }
}
