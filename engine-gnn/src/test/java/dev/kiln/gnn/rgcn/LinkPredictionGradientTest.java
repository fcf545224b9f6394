package dev.kiln.gnn.rgcn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.gnn.data.Triples;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RGCN encoder + DistMult decoder: analytic gradients of the link-prediction loss against finite differences. */
class LinkPredictionGradientTest {

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"false,0.0,1", "true,0.0,1", "false,0.25,1", "true,0.25,2", "false,0.0,2"})
    void gradientsMatchFiniteDifferences(boolean layerNorm, double dropout, int threads) {
        check(layerNorm, dropout, threads, false);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"false,0.0,1", "true,0.25,2"})
    void sampledGradientsMatchFiniteDifferences(boolean layerNorm, double dropout, int threads) {
        check(layerNorm, dropout, threads, true);
    }

    private static void check(boolean layerNorm, double dropout, int threads, boolean sampled) {
        int nodes = 8, relations = 2;
        Triples train = RandomTriples.of(nodes, relations, 14, 3);
        RelGraph g = RelGraph.of(train, nodes, relations);
        RgcnModel encoder = new RgcnModel(new RgcnModel.Config(nodes, g.numRelations(), 4, 4, 2, 2, true, layerNorm, dropout), 9);
        int[] batch = {0, 3, 5, 7, 11};
        try (LinkPredictionTrainer lp = new LinkPredictionTrainer(encoder, relations, g, threads, 1)) {
            encoder.zeroGrad();
            LinkBatchSampler batches = lp.batchSampler(train, new NeighbourSampler(g, new int[] {2, 2}));
            java.util.function.ToDoubleFunction<SplittableRandom> loss = rand -> sampled
                    ? lp.sampledLossAndGradient(batches, batch, 3, rand) : lp.lossAndGradient(train, batch, 3, rand);
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
    }
}
