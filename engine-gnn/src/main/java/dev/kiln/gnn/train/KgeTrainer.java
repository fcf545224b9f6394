package dev.kiln.gnn.train;

import dev.kiln.gnn.data.Permutations;
import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.Kernels;
import dev.kiln.gnn.model.KgeModel;
import java.util.ArrayList;
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
 * uniformly sampled negative entities, scored and differentiated as one block ({@link BatchStep});
 * each touched row then gets one sparse optimiser update.
 */
public final class KgeTrainer implements EpochTrainer {
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

    @Override
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
    public String description() {
        return cfg.threads() + (cfg.threads() == 1 ? " thread, " : " threads, ") + Kernels.name() + " kernels";
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** One thread's sampler and batch buffers; nothing here is shared except the tables and optimiser state. */
    private final class Worker {
        private final SplittableRandom rnd;
        private final BatchStep step = new BatchStep(model, entities, relations, entityOpt, relationOpt, loss, cfg);
        private final BatchStep.Negatives uniform;

        Worker(long seed) {
            this.rnd = new SplittableRandom(seed);
            this.uniform = (chunk, out) -> {
                for (int j = 0; j < out.length; j++) {
                    out[j] = rnd.nextInt(entities.rows());
                }
            };
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
                boolean corruptTail = ((batch + rnd.nextInt(2)) & 1) == 0;
                lossSum += step.run(train.heads(), train.relations(), train.tails(), perm, b, e, corruptTail, uniform);
                done += e - b;
            }
            return new double[] {lossSum, done, 1};
        }
    }
}
