package dev.kiln.bench.gnn.backend;

import dev.kiln.gnn.model.CandidateBlock;
import dev.kiln.gnn.model.DistMult;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.gnn.model.TransE;
import dev.kiln.gnn.rgcn.Dense;
import dev.kiln.gnn.rgcn.Param;
import dev.kiln.gnn.rgcn.RelGraph;
import dev.kiln.gnn.rgcn.RgcnModel;
import dev.kiln.gnn.train.LossFunction;
import dev.kiln.gnn.train.SparseAdagrad;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hot loops as engine-gnn runs them today: {@link KgeModel} block scoring and gradients (a chunk's queries
 * against its gathered shared negatives, as KgeTrainer), {@link LossFunction}, {@link SparseAdagrad} row updates,
 * and {@link RgcnModel}'s layer (doubles).
 * Work is split over {@code threads} threads the way {@code KgeTrainer} split it when these backends were measured:
 * scoring and the scatter by rows, training by whole batches running at once on shared tables (Hogwild).
 */
final class JavaHotLoops implements HotLoops {
    private final KgeWorkload w;
    private final int threads;
    private final ExecutorService pool;
    private final DistMult distMult;
    private final TransE transE;
    private final EmbeddingTable ent;
    private final EmbeddingTable rel;
    private final SparseAdagrad entOpt;
    private final SparseAdagrad relOpt;
    private final LossFunction loss;
    private final RelGraph graph;
    private final RgcnModel rgcn;
    private final Dense dense;
    // Per-thread gradient buffers, kept across batches as KgeTrainer's workers keep theirs.
    private final ThreadLocal<TrainBatch> trainers;

    JavaHotLoops(KgeWorkload w, GraphWorkload g, int threads) {
        this.w = w;
        this.threads = threads;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "java-hot-loops");
            t.setDaemon(true);
            return t;
        });
        distMult = new DistMult(w.dim(), 12);
        transE = new TransE(w.dim(), false, 12);
        ent = new EmbeddingTable(w.entities(), w.dim(), w.entityInit().clone());
        rel = new EmbeddingTable(w.relations(), w.dim(), w.relationInit().clone());
        entOpt = new SparseAdagrad(ent, w.learningRate());
        relOpt = new SparseAdagrad(rel, w.learningRate());
        loss = new LossFunction(LossFunction.Kind.LOGISTIC, 12, distMult.logisticOffset(), 0);
        graph = RelGraph.ofEdges(g.numNodes(), g.numRelations(), g.src(), g.dst(), g.rel());
        rgcn = new RgcnModel(new RgcnModel.Config(g.numNodes(), g.numRelations(), g.hidden(), g.hidden(), 1,
                g.bases(), false, false, 0), 0);
        for (Param p : rgcn.params()) {
            float[] from = switch (p.name()) {
                case "embedding" -> g.features();
                case "layer0.basis" -> g.basis();
                case "layer0.coeff" -> g.coeff();
                default -> new float[p.value().length]; // bias (and the empty self-loop weight): zero
            };
            for (int i = 0; i < from.length; i++) {
                p.value()[i] = from[i];
            }
        }
        dense = new Dense(threads);
        trainers = ThreadLocal.withInitial(() -> new TrainBatch(w, distMult, ent, rel, entOpt, relOpt, loss));
    }

    @Override
    public Object scoreDistMult() {
        return score(distMult);
    }

    @Override
    public Object scoreTransE() {
        return score(transE);
    }

    /**
     * KgeTrainer's block path: the shared negatives gathered once into a {@link CandidateBlock}, each thread
     * building its slice of the queries and scoring them against the block ({@link KgeModel#scoreBlock}).
     */
    private float[][] score(KgeModel m) {
        int c = w.chunk(), k = w.negatives(), d = w.dim();
        float[][] scores = new float[c][k];
        float[] E = ent.data(), R = rel.data();
        CandidateBlock block = new CandidateBlock(d, k).gather(E, w.chunkNegs(), k);
        forParts(c, (lo, hi) -> {
            float[][] q = new float[hi - lo][d];
            for (int i = lo; i < hi; i++) {
                m.query(E, ent.offset(w.anchors()[i]), R, rel.offset(w.anchorRels()[i]), true, q[i - lo]);
            }
            m.scoreBlock(q, hi - lo, block, Arrays.copyOfRange(scores, lo, hi));
            return 0;
        });
        return scores;
    }

    @Override
    public void adagradScatter() {
        int d = w.dim();
        RowIndex idx = RowIndex.of(w.entities(), w.scatterRows());
        float[] sum = new float[idx.size() * d];
        float[] g = w.scatterGrad();
        for (int i = 0; i < idx.inverse().length; i++) {
            int to = idx.inverse()[i] * d, from = i * d;
            for (int j = 0; j < d; j++) {
                sum[to + j] += g[from + j];
            }
        }
        forParts(idx.size(), (lo, hi) -> {
            for (int s = lo; s < hi; s++) {
                entOpt.update(ent, idx.unique()[s], sum, s * d);
            }
            return 0;
        });
    }

    @Override
    public Object rgcnMessagePassing() {
        return rgcn.forward(graph, dense, false, null, null);
    }

    @Override
    public double trainSteps(int first, int batches) {
        // Batches run concurrently on the shared tables, as KgeTrainer's threads do.
        List<Callable<Double>> jobs = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            int batch = (first + b) % w.pooledBatches();
            jobs.add(() -> trainers.get().run(batch));
        }
        double sum = 0;
        if (threads == 1) {
            for (Callable<Double> job : jobs) {
                sum += call(job);
            }
        } else {
            for (Future<Double> f : invokeAll(jobs)) {
                sum += get(f);
            }
        }
        return sum;
    }

    @Override
    public float[] entityRow(int row) {
        return Arrays.copyOfRange(ent.data(), ent.offset(row), ent.offset(row) + w.dim());
    }

    @Override
    public float[] floats(Object result) {
        if (result instanceof float[][] rows) {
            float[] f = new float[rows.length * (rows.length == 0 ? 0 : rows[0].length)];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, f, i * rows[i].length, rows[i].length);
            }
            return f;
        }
        if (result instanceof double[] a) {
            float[] f = new float[a.length];
            for (int i = 0; i < a.length; i++) {
                f[i] = (float) a[i];
            }
            return f;
        }
        return (float[]) result;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        dense.close();
    }

    private interface Part {
        double run(int lo, int hi);
    }

    /** Runs {@code part} over {@code n} items split into one contiguous block per thread. */
    private void forParts(int n, Part part) {
        if (threads == 1) {
            part.run(0, n);
            return;
        }
        List<Callable<Double>> jobs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int lo = (int) ((long) n * t / threads), hi = (int) ((long) n * (t + 1) / threads);
            jobs.add(() -> part.run(lo, hi));
        }
        for (Future<Double> f : invokeAll(jobs)) {
            get(f);
        }
    }

    private List<Future<Double>> invokeAll(List<Callable<Double>> jobs) {
        try {
            return pool.invokeAll(jobs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static double get(Future<Double> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hot loop failed: " + e.getCause(), e.getCause());
        }
    }

    private static double call(Callable<Double> job) {
        try {
            return job.call();
        } catch (Exception e) {
            throw new IllegalStateException("hot loop failed: " + e, e);
        }
    }
}
