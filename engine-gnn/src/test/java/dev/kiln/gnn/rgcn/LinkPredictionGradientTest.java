package dev.kiln.gnn.rgcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.data.NodeFeatures;
import dev.kiln.gnn.data.Triples;
import java.util.List;
import java.util.SplittableRandom;

/** RGCN encoder + DistMult decoder: analytic gradients of the link-prediction loss against finite differences. */
class LinkPredictionGradientTest {

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"false,0.0,1,1", "true,0.0,1,1", "false,0.25,1,2", "true,0.25,2,1",
        "false,0.0,2,3"})
    void gradientsMatchFiniteDifferences(boolean layerNorm, double dropout, int threads, int chunk) {
        check(layerNorm, dropout, threads, false, NodeFeatures.none(), chunk);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"false,0.0,1,1", "true,0.25,2,2"})
    void sampledGradientsMatchFiniteDifferences(boolean layerNorm, double dropout, int threads, int chunk) {
        check(layerNorm, dropout, threads, true, NodeFeatures.none(), chunk);
    }

    /** Featured entities take their input from their file's projection, on the full graph and on sampled blocks. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"false,false,0.0,1", "true,true,0.25,2"})
    void gradientsReachTheFeatureProjections(boolean sampled, boolean layerNorm, double dropout, int threads) {
        NodeFeatures f = features();
        RgcnModel encoder = check(layerNorm, dropout, threads, sampled, f, 2);
        List<String> names = encoder.params().stream().map(Param::name).toList();
        assertTrue(names.containsAll(List.of("features.a.tsv.weight", "features.a.tsv.bias", "features.b.tsv.weight",
                "features.b.tsv.bias", LinkPredictionTrainer.DECODER)), names.toString());
        assertEquals(8 - 5, encoder.params().get(0).value().length / 4, "embedding rows only for featureless nodes");
        // an entity's input row is its projection b + x W, not an embedding row
        Param w = encoder.params().get(names.indexOf("features.a.tsv.weight"));
        Param b = encoder.params().get(names.indexOf("features.a.tsv.bias"));
        try (Dense dense = new Dense(1)) {
            double[] rows = encoder.inputRows(dense);
            NodeFeatures.Group a = f.groups().get(0);
            for (int k = 0; k < a.size(); k++) {
                for (int j = 0; j < 4; j++) {
                    double expected = b.value()[j];
                    for (int c = 0; c < a.width(); c++) {
                        expected += a.values()[k * a.width() + c] * w.value()[c * 4 + j];
                    }
                    assertEquals(expected, rows[a.nodes()[k] * 4 + j], 1e-12);
                }
            }
        }
    }

    private static NodeFeatures features() {
        return new NodeFeatures(List.of(
                new NodeFeatures.Group("a.tsv", List.of("x", "y"), new int[] {0, 2, 5},
                        new double[] {0.5, -1.0, 1.5, 0.0, -0.7, 0.9}),
                new NodeFeatures.Group("b.tsv", List.of("w"), new int[] {6, 7}, new double[] {1.3, -0.6})));
    }

    private static RgcnModel check(boolean layerNorm, double dropout, int threads, boolean sampled,
                                   NodeFeatures features, int chunk) {
        int nodes = 8, relations = 2;
        Triples train = RandomTriples.of(nodes, relations, 14, 3);
        RelGraph g = RelGraph.of(train, nodes, relations);
        RgcnModel encoder = new RgcnModel(new RgcnModel.Config(nodes, g.numRelations(), 4, 4, 2, 2, true, layerNorm, dropout),
                features, 9);
        int[] batch = {0, 3, 5, 7, 11};
        try (LinkPredictionTrainer lp = new LinkPredictionTrainer(encoder, relations, g, threads, 1)) {
            encoder.zeroGrad();
            LinkBatchSampler batches = lp.batchSampler(train, new NeighbourSampler(g, new int[] {2, 2}));
            LinkNegatives negs = new LinkNegatives(3, chunk, 0);
            DistMultObjective objective = lp.objective(negs);
            java.util.function.ToDoubleFunction<SplittableRandom> loss = rand -> sampled
                    ? lp.sampledLossAndGradient(batches, batch, negs, objective, rand)
                    : lp.lossAndGradient(train, batch, negs, objective, rand);
            loss.applyAsDouble(new SplittableRandom(5));
            // the finite-difference calls accumulate gradients too, so keep the analytic ones first
            java.util.List<double[]> grads = encoder.params().stream().map(p -> p.grad().clone()).toList();
            for (int pi = 0; pi < encoder.params().size(); pi++) {
                Param p = encoder.params().get(pi);
                double[] grad = grads.get(pi);
                for (int i = 0; i < p.value().length; i += Math.max(1, p.value().length / 8)) {
                    double x = p.value()[i], eps = 1e-5;
                    p.value()[i] = x + eps;
                    double up = loss.applyAsDouble(new SplittableRandom(5));
                    p.value()[i] = x - eps;
                    double down = loss.applyAsDouble(new SplittableRandom(5));
                    p.value()[i] = x;
                    double numeric = (up - down) / (2 * eps);
                    assertEquals(numeric, grad[i], 1e-6 + 1e-4 * Math.abs(numeric), p.name() + "[" + i + "]");
                }
            }
        }
        return encoder;
    }
}
