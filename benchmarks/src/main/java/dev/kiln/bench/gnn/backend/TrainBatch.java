package dev.kiln.bench.gnn.backend;

import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.gnn.train.BatchStep;
import dev.kiln.gnn.train.KgeSetup;
import dev.kiln.gnn.train.LossFunction;
import dev.kiln.gnn.train.SparseOptimizer;
import dev.kiln.gnn.train.TrainConfig;

/**
 * One training batch in plain Java: engine-gnn's own {@link BatchStep} (what {@code KgeTrainer}'s threads run, there over a batch's chunks),
 * tails corrupted, on a pooled batch of the workload with its pre-drawn negatives, so every backend trains on the
 * same triples and negatives. One instance per thread; the tables and optimisers are shared (Hogwild).
 */
final class TrainBatch {
    private final KgeWorkload w;
    private final BatchStep step;
    private int[] identity = new int[0];

    TrainBatch(KgeWorkload w, KgeModel model, EmbeddingTable ent, EmbeddingTable rel, SparseOptimizer entOpt,
               SparseOptimizer relOpt, LossFunction loss) {
        this.w = w;
        // Batch size, threads and seed are the caller's here: BatchStep takes only negatives, chunk and regulariser.
        TrainConfig cfg = new TrainConfig(w.chunk(), w.negatives(), w.chunk(), 0, 3, 1, 0);
        this.step = new BatchStep(new KgeSetup(model, ent, rel, entOpt, relOpt, loss, cfg));
    }

    /** Trains on pooled batch {@code b}; returns the loss summed over its positives. */
    double run(int b) {
        int[] heads = w.heads()[b], negs = w.batchNegs()[b];
        int n = heads.length, k = w.negatives();
        if (identity.length < n) {
            identity = new int[n];
            for (int i = 0; i < n; i++) {
                identity[i] = i;
            }
        }
        return step.run(heads, w.rels()[b], w.tails()[b], identity, 0, n, true,
                (chunk, out) -> System.arraycopy(negs, chunk * k, out, 0, k));
    }
}
