package dev.kiln.gnn.eval;

import dev.kiln.gnn.data.TrueTripleIndex;
import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.CandidateBlock;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.Kernels;
import dev.kiln.gnn.model.KgeModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Filtered ranking (Bordes et al. 2013; the convention of DGL-KE, PyKEEN and the RotatE paper): for
 * each triple, the true tail is ranked among all entities for (h, r, ?) and the true head among all
 * entities for (?, r, t), after removing every other candidate that forms a known true triple.
 * A candidate scoring exactly the true score counts half a rank (the "realistic" rank), so a model
 * that scores everything equal gets the random-guess rank rather than rank 1.
 */
public final class LinkEvaluator implements LinkRanker {
    private final KgeModel model;
    private final TrueTripleIndex filter;
    private final int threads;
    private static final int BLOCK = 32;

    public LinkEvaluator(KgeModel model, TrueTripleIndex filter, int threads) {
        this.model = model;
        this.filter = filter;
        this.threads = Math.max(1, threads);
    }

    /** Ranks all triples of {@code split} (or its first {@code limit} when limit > 0), in parallel. */
    @Override
    public RankMetrics evaluate(EmbeddingTable entities, EmbeddingTable relations, Triples split, int limit)
            throws InterruptedException {
        int n = limit > 0 ? Math.min(limit, split.size()) : split.size();
        CandidateBlock all = CandidateBlock.of(entities);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "kge-eval");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<double[]>> parts = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int from = (int) ((long) n * w / threads), to = (int) ((long) n * (w + 1) / threads);
                parts.add(pool.submit(() -> rankRange(all, relations, split, from, to)));
            }
            double[] acc = new double[6];
            for (Future<double[]> f : parts) {
                double[] r = f.get();
                for (int i = 0; i < acc.length; i++) {
                    acc[i] += r[i];
                }
            }
            return RankMetrics.of(acc[0], acc[1], (long) acc[2], (long) acc[3], (long) acc[4], (long) acc[5]);
        } catch (ExecutionException e) {
            throw new IllegalStateException("evaluation failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Queries go in blocks of {@link #BLOCK} against every entity, so DistMult and TransE rank through matrix products. */
    private double[] rankRange(CandidateBlock all, EmbeddingTable R, Triples s, int from, int to) {
        float[][] entities = all.rows();
        float[][] q = new float[BLOCK][Kernels.padded(model.entityDim())];
        float[][] scores = new float[BLOCK][Kernels.padded(all.size())];
        double[] acc = new double[6];
        for (int b = from; b < to; b += BLOCK) {
            int n = Math.min(BLOCK, to - b);
            for (boolean corruptTail : new boolean[] {true, false}) {
                for (int p = 0; p < n; p++) {
                    int i = b + p;
                    int anchor = corruptTail ? s.heads()[i] : s.tails()[i];
                    model.query(entities[anchor], 0, R.data(), R.offset(s.relations()[i]), corruptTail, q[p]);
                }
                model.scoreBlock(q, n, all, scores);
                for (int p = 0; p < n; p++) {
                    int i = b + p, h = s.heads()[i], r = s.relations()[i], t = s.tails()[i];
                    add(acc, corruptTail ? rank(scores[p], all.size(), t, filter.tails(h, r))
                            : rank(scores[p], all.size(), h, filter.heads(r, t)));
                }
            }
        }
        return acc;
    }

    private static void add(double[] acc, double rank) {
        acc[0] += 1.0 / rank;
        acc[1] += rank;
        acc[2] += rank <= 1 ? 1 : 0;
        acc[3] += rank <= 3 ? 1 : 0;
        acc[4] += rank <= 10 ? 1 : 0;
        acc[5] += 1;
    }

    /** Filtered rank of {@code truth} among {@code scores[0..n)}: 1 + (better) + (equal) / 2, known trues removed. */
    static double rank(float[] scores, int n, int truth, int[] knownTrue) {
        float target = scores[truth];
        long better = 0, equal = 0;
        for (int e = 0; e < n; e++) {
            float v = scores[e];
            better += v > target ? 1 : 0;
            equal += v == target ? 1 : 0;
        }
        equal--; // the truth itself
        for (int e : knownTrue) {
            if (e != truth) {
                if (scores[e] > target) {
                    better--;
                } else if (scores[e] == target) {
                    equal--;
                }
            }
        }
        return 1.0 + better + equal / 2.0;
    }
}
