package dev.kiln.gnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.gnn.model.RotatE;
import org.junit.jupiter.api.Test;

/**
 * The subsampling weights are the RotatE code's, and the trainer applies them as a weighted batch mean: equal weights
 * train what uniform weights train, unequal ones train something else, and the thread count still changes only
 * rounding.
 */
class SubsamplingWeightsTest {
    private static final KgeModel MODEL = new RotatE(8, 6.0);

    @Test
    void weightsCountEachQuerysTriples() {
        // (0, 0, 9) and (1, 0, 9) share the tail query (?, 0, 9); (0, 0, 9) and (0, 0, 8) the head query (0, 0, ?).
        Triples t = new Triples(new int[] {0, 1, 0, 5}, new int[] {0, 0, 0, 1}, new int[] {9, 9, 8, 9});
        float[] w = SubsamplingWeights.of(t);
        // count(h, r) and count(t, r^-1) are 3 + triples: (0,0,9): (3+2) + (3+2); (1,0,9): 4 + 5; (0,0,8): 5 + 4;
        // (5,1,9): 4 + 4 (relation 1's tail query is its own).
        assertEquals(1 / Math.sqrt(10), w[0], 1e-7);
        assertEquals(1 / Math.sqrt(9), w[1], 1e-7);
        assertEquals(1 / Math.sqrt(9), w[2], 1e-7);
        assertEquals(1 / Math.sqrt(8), w[3], 1e-7);
    }

    @Test
    void equalWeightsTrainWhatUniformWeightsTrain() throws Exception {
        // Every head and every tail distinct: each triple weighs 1 / sqrt(8), so the weighted mean is the mean.
        int n = 600;
        int[] h = new int[n], r = new int[n], t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = i;
            r[i] = i % 4;
            t[i] = n + i;
        }
        Triples train = new Triples(h, r, t);
        float[][] uniform = train(train, 2 * n, config(1, false));
        float[][] weighted = train(train, 2 * n, config(1, true));
        assertTrue(maxDiff(uniform, weighted) < 1e-5, "off by " + maxDiff(uniform, weighted));
    }

    @Test
    void unequalWeightsChangeTheModelButNotItsThreadIndependence() throws Exception {
        Triples train = hubbed(1_000, 120);
        float[][] uniform = train(train, 120, config(1, false));
        float[][] one = train(train, 120, config(1, true));
        float[][] two = train(train, 120, config(2, true));
        assertTrue(maxDiff(uniform, one) > 1e-3, "weights changed nothing: " + maxDiff(uniform, one));
        assertTrue(maxDiff(one, two) < 1e-4, "2 threads off by " + maxDiff(one, two));
    }

    private static TrainConfig config(int threads, boolean weighted) {
        return new TrainConfig(100, 16, 16, 0, 3, threads, 4, false, weighted);
    }

    /** Half the triples point at entity 0 (a hub query), the rest at random tails. */
    private static Triples hubbed(int n, int entities) {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(3);
        int[] h = new int[n], r = new int[n], t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = 1 + rnd.nextInt(entities - 1);
            r[i] = rnd.nextInt(3);
            t[i] = i % 2 == 0 ? 0 : 1 + rnd.nextInt(entities - 1);
        }
        return new Triples(h, r, t);
    }

    private static float[][] train(Triples train, int entities, TrainConfig cfg) throws Exception {
        EmbeddingTable ent = new EmbeddingTable(entities, MODEL.entityDim());
        EmbeddingTable rel = new EmbeddingTable(4, MODEL.relationDim());
        MODEL.initialise(ent, rel, 5);
        try (KgeTrainer t = new KgeTrainer(new KgeSetup(MODEL, ent, rel, new SparseAdam(ent, 0.01),
                new SparseAdam(rel, 0.01), new LossFunction(LossFunction.Kind.LOGISTIC, 6.0, MODEL.logisticOffset(), 1),
                cfg))) {
            for (int epoch = 1; epoch <= 2; epoch++) {
                EpochTrainer.EpochResult r = t.epoch(train, epoch, () -> false);
                assertTrue(r.meanLoss() > 0 && r.meanLoss() < 2, "mean loss " + r.meanLoss());
            }
        }
        return new float[][] {ent.data(), rel.data()};
    }

    private static double maxDiff(float[][] a, float[][] b) {
        double worst = 0;
        for (int t = 0; t < a.length; t++) {
            for (int i = 0; i < a[t].length; i++) {
                worst = Math.max(worst, Math.abs(a[t][i] - b[t][i]));
            }
        }
        return worst;
    }
}
