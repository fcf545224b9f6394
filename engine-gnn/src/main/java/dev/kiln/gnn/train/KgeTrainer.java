package dev.kiln.gnn.train;

import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.Kernels;
import dev.kiln.gnn.model.KgeModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Mini-batch training of a {@link KgeModel} on CPU threads. A batch corrupts either heads or tails, in chunks
 * whose positives share one set of uniformly sampled negative entities, scored and differentiated as one block
 * ({@link BatchStep}). The threads split each batch's chunks between them, each adding its gradients into its own
 * buffers; then each updates the rows it touched first, and each row gets one optimiser update with the sum of its
 * gradients.
 * Batches run one after another, and the sides and negatives are drawn from one stream per epoch, so a run does not
 * depend on the thread count beyond float rounding (and the GPU trainer draws the same).
 *
 * <p>Why not Hogwild (threads on different batches over the shared tables, as DGL-KE's CPU training, and as this
 * class did until the GPU trainer came): a model then depends on the thread count and on timing, so the same job
 * on two instance types, or on a CPU and a GPU, trains two models; and each batch computes on tables another is
 * halfway through updating, which cost 2-thread DistMult about 0.001 test MRR after 5 epochs over twelve seeds.
 * The price is the update phase no longer overlapping the other thread's arithmetic: 7% of DistMult's 2-thread
 * throughput (docs/performance.md, "Throughput against PyTorch Geometric").
 */
public final class KgeTrainer implements EpochTrainer {
    private final EmbeddingTable entities;
    private final TrainConfig cfg;
    private final ExecutorService pool;
    private final BatchStep[] steps;
    private TrainingTriples training;

    public KgeTrainer(KgeSetup setup) {
        this.entities = setup.entities();
        this.cfg = setup.cfg();
        this.steps = new BatchStep[cfg.threads()];
        for (int w = 0; w < steps.length; w++) {
            steps[w] = new BatchStep(setup);
        }
        // The calling thread runs the first share of every phase itself, so the pool holds the other threads.
        this.pool = cfg.threads() == 1 ? null : Executors.newFixedThreadPool(cfg.threads() - 1, r -> {
            Thread t = new Thread(r, "kge-train");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public EpochResult epoch(Triples train, int epoch, BooleanSupplier stop) throws InterruptedException {
        training = TrainingTriples.of(training, cfg, train);
        EpochDraws draws = new EpochDraws(cfg, epoch, training, entities.rows());
        int[] perm = draws.order();
        float[] weights = training.weights();
        float[] factors = weights == null ? null : new float[perm.length];
        int b = cfg.batchSize(), k = cfg.numNegs();
        int[] negatives = new int[draws.chunks(b) * k];
        BatchStep.Negatives drawn = (chunk, out) -> System.arraycopy(negatives, chunk * k, out, 0, k);
        double lossSum = 0;
        long done = 0;
        int batch = 0;
        for (int from = 0; from < perm.length; from += b, batch++) {
            if (stop.getAsBoolean()) {
                return new EpochResult(done == 0 ? Double.NaN : lossSum / done, done, false);
            }
            int m = Math.min(perm.length, from + b) - from;
            boolean corruptTail = draws.draw(batch, from, m, negatives, 0);
            if (weights != null) {
                SubsamplingWeights.factors(weights, perm, from, m, factors, from);
            }
            lossSum += batch(train, perm, from, m, draws.chunks(m), corruptTail, drawn, factors);
            done += m;
        }
        return new EpochResult(done == 0 ? Double.NaN : lossSum / done, done, !stop.getAsBoolean());
    }

    /**
     * One batch: its chunks split between the threads, then its rows. Returns the loss summed over it. With
     * subsampling weights, {@code factors[from..from + m)} weigh its positives ({@link SubsamplingWeights#factors}).
     */
    private double batch(Triples t, int[] perm, int from, int m, int chunks, boolean corruptTail,
                         BatchStep.Negatives drawn, float[] factors) throws InterruptedException {
        int c = cfg.negChunkSize();
        int workers = Math.min(steps.length, chunks);
        if (workers == 1) {
            double loss = steps[0].accumulate(t.heads(), t.relations(), t.tails(), perm, from, from + m, 0, m, factors,
                    corruptTail, drawn);
            steps[0].apply();
            return loss;
        }
        List<Callable<Double>> forward = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int c0 = chunks * w / workers, c1 = chunks * (w + 1) / workers;
            BatchStep step = steps[w];
            forward.add(() -> step.accumulate(t.heads(), t.relations(), t.tails(), perm, from + c0 * c,
                    Math.min(from + m, from + c1 * c), c0, m, factors, corruptTail, drawn));
        }
        double loss = 0;
        for (double part : run(forward)) {
            loss += part;
        }
        BatchStep[] used = Arrays.copyOf(steps, workers);
        List<Callable<Double>> update = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) {
            int worker = w;
            update.add(() -> {
                BatchStep.applyMerged(used, worker);
                return 0.0;
            });
        }
        run(update);
        for (BatchStep step : used) {
            step.clear();
        }
        return loss;
    }

    /** Runs the first task on this thread and the others on the pool; returns their results in order. */
    private List<Double> run(List<Callable<Double>> tasks) throws InterruptedException {
        List<Future<Double>> others = new ArrayList<>(tasks.size() - 1);
        for (Callable<Double> task : tasks.subList(1, tasks.size())) {
            others.add(pool.submit(task));
        }
        List<Double> out = new ArrayList<>(tasks.size());
        try {
            out.add(tasks.get(0).call());
            for (Future<Double> f : others) {
                out.add(f.get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("training thread failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException | RuntimeException e) {
            others.forEach(f -> f.cancel(true));
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("training failed: " + e, e);
        } finally {
            // A failed or interrupted batch must not leave a thread still writing into the buffers.
            for (Future<Double> f : others) {
                if (!f.isDone()) {
                    f.cancel(true);
                }
            }
        }
        return out;
    }

    @Override
    public String description() {
        return cfg.threads() + (cfg.threads() == 1 ? " thread, " : " threads, ") + Kernels.name() + " kernels";
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
