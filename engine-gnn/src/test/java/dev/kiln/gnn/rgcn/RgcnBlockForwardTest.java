package dev.kiln.gnn.rgcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.data.NodeFeatures;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The model over sampled per-layer blocks: the last layer computes only the seeds, gradients match finite
 * differences through the block stack, and with every in-edge sampled the blocks reproduce the full-graph
 * outputs and gradients of the seeds.
 */
class RgcnBlockForwardTest {

    /** Two feature groups over nodes 0-5 and 10-11; every other node embedded. */
    private static NodeFeatures features() {
        return new NodeFeatures(List.of(
                new NodeFeatures.Group("a.tsv", List.of("x", "y"), new int[] {0, 1, 2, 3, 4, 5},
                        new double[] {0.5, -1, 0, 1.5, 0.2, -0.3, -0.8, 0, 2, 1, -1.1, 0.4}),
                new NodeFeatures.Group("b.tsv", List.of("w"), new int[] {10, 11}, new double[] {1.3, -0.6})));
    }

    @Test
    void theLastLayerComputesOnlyTheSeeds() {
        RelGraph full = RandomTriples.graph(300, 3, 1500, 1);
        int classes = 3;
        int[] seeds = {5, 17, 42, 5, 99};
        RgcnModel model = new RgcnModel(new RgcnModel.Config(300, full.numRelations(), 8, classes, 3, 2, true, true, 0.2), 1);
        Blocks blocks = new NeighbourSampler(full, new int[] {3, 3, 3}).sample(seeds, new SplittableRandom(2));
        assertEquals(4, blocks.numSeeds(), "repeated seeds are sampled once");
        assertTrue(blocks.numSeeds() < blocks.numDst(1) && blocks.numDst(1) < blocks.numDst(0)
                && blocks.numDst(0) < blocks.numInputs(), "each layer computes fewer rows than it reads: "
                + blocks.numSeeds() + " < " + blocks.numDst(1) + " < " + blocks.numDst(0) + " < " + blocks.numInputs());
        try (Dense dense = new Dense(2)) {
            double[][] hidden = new double[1][];
            double[] out = model.forward(blocks, dense, true, new SplittableRandom(3), hidden);
            assertEquals(4 * classes, out.length, "one output row per seed");
            assertEquals(blocks.numDst(1) * 8, hidden[0].length, "the last hidden layer computes block 1's destinations");
            model.zeroGrad();
            model.backward(blocks, dense, new double[out.length]);
        }
    }

    @ParameterizedTest
    @CsvSource({"2,false,true,2,false,PROJECT_FIRST", "2,true,true,3,true,PROJECT_FIRST",
            "3,true,false,0,false,PROJECT_FIRST", "3,false,true,2,true,PROJECT_FIRST",
            "2,false,true,2,false,AGGREGATE_FIRST", "2,true,true,3,true,AGGREGATE_FIRST",
            "3,true,false,0,false,AGGREGATE_FIRST", "3,false,true,2,true,BY_COST"})
    void withEveryInEdgeSampledTheBlocksComputeTheSeedsFullGraphRowsAndGradients(int layers, boolean layerNorm,
                                                                                  boolean selfLoop, int bases,
                                                                                  boolean withFeatures,
                                                                                  RgcnLayer.Order order) {
        int nodes = 200;
        RelGraph full = RandomTriples.graph(nodes, 3, 260, 7); // sparse, so L hops reach only part of it
        NodeFeatures f = withFeatures ? features() : NodeFeatures.none();
        RgcnModel.Config cfg = new RgcnModel.Config(nodes, full.numRelations(), 5, 3, layers, bases, selfLoop, layerNorm, 0);
        RgcnModel model = new RgcnModel(cfg, f, 4);
        for (RgcnLayer conv : model.convs) {
            conv.blockOrder = order; // the full-graph reference projects first whatever the order
        }
        int[] seeds = {3, 11, 20, 41, 0};
        int[] fanouts = new int[layers];
        Arrays.fill(fanouts, 1000); // above every in-degree
        Blocks blocks = new NeighbourSampler(full, fanouts).sample(seeds, new SplittableRandom(5));
        assertTrue(blocks.numSeeds() < blocks.numDst(layers - 2) && blocks.numDst(0) < blocks.numInputs()
                && blocks.numInputs() < nodes, "each layer computes part of what it reads, and the input is part of the graph");
        int[] labels = {0, 2, 1, 1, 0};
        int[] local = {0, 1, 2, 3, 4};
        try (Dense dense = new Dense(2)) {
            model.zeroGrad();
            double[] all = model.forward(full, dense, true, new SplittableRandom(6), null);
            double[] gAll = new double[all.length];
            double lossAll = NodeLoss.crossEntropy(all, 3, seeds, labels, gAll);
            model.backward(full, dense, gAll);
            List<double[]> fullGrads = model.params().stream().map(p -> p.grad().clone()).toList();

            model.zeroGrad();
            double[] part = model.forward(blocks, dense, true, new SplittableRandom(6), null);
            assertEquals(seeds.length * 3, part.length);
            for (int k = 0; k < seeds.length; k++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(all[seeds[k] * 3 + c], part[k * 3 + c], 1e-12, "seed " + seeds[k] + " class " + c);
                }
            }
            double[] gPart = new double[part.length];
            assertEquals(lossAll, NodeLoss.crossEntropy(part, 3, local, labels, gPart), 1e-12);
            model.backward(blocks, dense, gPart);
            for (int pi = 0; pi < model.params().size(); pi++) {
                Param p = model.params().get(pi);
                double[] expected = fullGrads.get(pi);
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], p.grad()[i], 1e-12, p.name() + "[" + i + "]");
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"false,0.0,false,PROJECT_FIRST", "true,0.2,false,PROJECT_FIRST", "false,0.3,true,PROJECT_FIRST",
            "false,0.0,false,AGGREGATE_FIRST", "true,0.2,false,AGGREGATE_FIRST", "true,0.0,true,AGGREGATE_FIRST"})
    void gradientsThroughTwoLayersOfBlocksMatchFiniteDifferences(boolean layerNorm, double dropout,
                                                                 boolean withFeatures, RgcnLayer.Order order) {
        int nodes = 40;
        RelGraph full = RandomTriples.graph(nodes, 2, 110, 4);
        NodeFeatures f = withFeatures ? features() : NodeFeatures.none();
        RgcnModel model = new RgcnModel(new RgcnModel.Config(nodes, full.numRelations(), 4, 2, 2, 2, true, layerNorm,
                dropout), f, 1);
        for (RgcnLayer conv : model.convs) {
            conv.blockOrder = order;
        }
        Blocks blocks = new NeighbourSampler(full, new int[] {3, 2}).sample(new int[] {1, 2, 3, 10},
                new SplittableRandom(3));
        assertTrue(blocks.numSeeds() < blocks.numDst(0) && blocks.numDst(0) < blocks.numInputs(),
                "a real two-block stack");
        int[] seeds = {0, 1, 2, 3};
        int[] labels = {0, 1, 1, 0};
        try (Dense dense = new Dense(1)) {
            model.zeroGrad();
            double[] logits = model.forward(blocks, dense, true, new SplittableRandom(8), null);
            double[] g = new double[logits.length];
            NodeLoss.crossEntropy(logits, 2, seeds, labels, g);
            model.backward(blocks, dense, g);
            int checked = 0;
            for (Param p : model.params()) {
                double[] grad = p.grad().clone();
                for (int i = 0; i < p.value().length; i += Math.max(1, p.value().length / 10)) {
                    double x = p.value()[i], eps = 1e-5;
                    p.value()[i] = x + eps;
                    double up = NodeLoss.crossEntropy(model.forward(blocks, dense, true, new SplittableRandom(8), null),
                            2, seeds, labels, null);
                    p.value()[i] = x - eps;
                    double down = NodeLoss.crossEntropy(model.forward(blocks, dense, true, new SplittableRandom(8), null),
                            2, seeds, labels, null);
                    p.value()[i] = x;
                    double numeric = (up - down) / (2 * eps);
                    assertEquals(numeric, grad[i], 1e-6 + 1e-4 * Math.abs(numeric), p.name() + "[" + i + "]");
                    checked++;
                }
            }
            assertTrue(checked > 40, "checked " + checked);
            // the input layer reads block 0's sources only, so no other embedding row gets a gradient
            boolean[] read = new boolean[nodes];
            for (int node : blocks.nodes()) {
                read[node] = true;
            }
            int untouched = 0;
            for (int node = 0; node < nodes; node++) {
                if (!read[node] && !withFeatures) {
                    untouched++;
                    for (int j = 0; j < 4; j++) {
                        assertEquals(0.0, model.embedding.grad()[node * 4 + j], "embedding of unread node " + node);
                    }
                }
            }
            assertTrue(withFeatures || untouched > 0, "some node lies beyond two hops");
        }
    }
}
