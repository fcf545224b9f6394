package dev.kiln.gnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.DistMult;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.gnn.model.RotatE;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Threads split each batch rather than taking batches of their own: training with 2 or 3 threads gives what one
 * thread gives, up to the order of float sums, and a row touched by several threads' chunks gets one update.
 */
class KgeTrainerThreadsTest {

    @ParameterizedTest
    @ValueSource(strings = {"distmult", "rotate"})
    void theThreadCountChangesOnlyRounding(String name) throws Exception {
        KgeModel model = name.equals("distmult") ? new DistMult(24, 6.0) : new RotatE(12, 6.0);
        Triples train = triples(3_000, 200, 6, 4);
        // Chunks of 16 in batches of 100: 7 chunks, the last short, split 3-4 or 2-2-3 between threads.
        TrainConfig one = new TrainConfig(100, 16, 16, 1e-4, 3, 1, 9);
        float[][] want = train(model, train, one, "adagrad");
        for (int threads : new int[] {2, 3}) {
            TrainConfig many = new TrainConfig(100, 16, 16, 1e-4, 3, threads, 9);
            float[][] got = train(model, train, many, "adagrad");
            for (int t = 0; t < 2; t++) {
                double worst = 0, scale = 0;
                for (int i = 0; i < want[t].length; i++) {
                    worst = Math.max(worst, Math.abs(want[t][i] - got[t][i]));
                    scale = Math.max(scale, Math.abs(want[t][i]));
                }
                assertTrue(worst <= 1e-4 * scale, threads + " threads, table " + t + ": off by " + worst);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void lossesAndCountsMatchOneThread(int threads) throws Exception {
        KgeModel model = new DistMult(16, 6.0);
        Triples train = triples(1_000, 100, 4, 2);
        EmbeddingTable ent = new EmbeddingTable(100, 16), rel = new EmbeddingTable(4, 16);
        model.initialise(ent, rel, 1);
        TrainConfig cfg = new TrainConfig(64, 8, 8, 0, 3, threads, 2);
        try (KgeTrainer t = new KgeTrainer(new KgeSetup(model, ent, rel, new SparseAdagrad(ent, 0.1),
                new SparseAdagrad(rel, 0.1), new LossFunction(LossFunction.Kind.LOGISTIC, 6.0, 0, 0), cfg))) {
            EpochTrainer.EpochResult r = t.epoch(train, 1, () -> false);
            assertEquals(1_000, r.positives());
            assertTrue(r.complete());
            assertEquals(0.6931, r.meanLoss(), 0.05, "near log 2 at the start");
        }
    }

    private static float[][] train(KgeModel model, Triples train, TrainConfig cfg, String opt) throws Exception {
        EmbeddingTable ent = new EmbeddingTable(200, model.entityDim()), rel = new EmbeddingTable(6, model.relationDim());
        model.initialise(ent, rel, 5);
        try (KgeTrainer t = new KgeTrainer(new KgeSetup(model, ent, rel, SparseOptimizer.create(opt, ent, 0.1),
                SparseOptimizer.create(opt, rel, 0.1), new LossFunction(LossFunction.Kind.LOGISTIC, 6.0,
                model.logisticOffset(), 0.5), cfg))) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                t.epoch(train, epoch, () -> false);
            }
        }
        return new float[][] {ent.data(), rel.data()};
    }

    private static Triples triples(int n, int entities, int relations, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] h = new int[n], r = new int[n], t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = rnd.nextInt(entities);
            r[i] = rnd.nextInt(relations);
            t[i] = (h[i] * 3 + r[i] + 1) % entities;
        }
        return new Triples(h, r, t);
    }
}
