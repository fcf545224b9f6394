package dev.kiln.gnn.rgcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.data.NodeFeatures;
import dev.kiln.gnn.data.Triples;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Analytic gradients against central finite differences for the regression head (squared error on one
 * output) and the feature projections (two node groups with their own W x + b, the other nodes embedded),
 * for every parameter tensor, on full graphs and on a graph of relabelled nodes (as a sampled batch numbers them).
 */
class RgcnTaskGradientTest {
    private static final int NODES = 10, RELATIONS = 3;
    private static final int[] LABELLED = {0, 2, 3, 5, 8, 9};

    @ParameterizedTest
    @CsvSource({"true,false,0.0,false", "true,true,0.0,false", "true,true,0.3,true", "false,true,0.0,false",
            "false,true,0.4,true", "true,true,0.0,true"})
    void gradientsMatchFiniteDifferences(boolean regression, boolean features, double dropout, boolean sampled) {
        RelGraph g = graph();
        NodeFeatures f = features ? features() : NodeFeatures.none();
        int outputs = regression ? 1 : 3;
        RgcnModel model = new RgcnModel(new RgcnModel.Config(NODES, g.numRelations(), 4, outputs, 2, 2, true, false,
                dropout), f, 3);
        NodeObjective objective = regression
                ? NodeObjective.regression(LABELLED, new double[] {0.5, -1.2, 2.0, 0.1, -0.7, 1.1})
                : NodeObjective.classification(new dev.kiln.gnn.data.NodeLabels.Split(LABELLED, new int[] {0, 1, 2, 1, 0, 2}), 3);
        // relabelled: local node k is model node nodeIds[k]; the labelled nodes come first, as the sampler puts seeds
        int[] nodeIds = sampled ? new int[] {0, 2, 3, 5, 8, 9, 1, 4, 6, 7} : null;
        int[] rows = sampled ? new int[] {0, 1, 2, 3, 4, 5} : LABELLED;
        int[] items = {0, 1, 2, 3, 4, 5};
        RelGraph sub = sampled ? relabel(g, nodeIds) : g;
        try (Dense dense = new Dense(2)) {
            model.zeroGrad();
            double[] out = model.forward(sub, nodeIds, dense, true, new SplittableRandom(5), null);
            double[] grad = new double[out.length];
            objective.loss(out, items, rows, grad);
            model.backward(sub, dense, grad);
            int checked = 0;
            List<String> names = new ArrayList<>();
            for (Param p : model.params()) {
                names.add(p.name());
                double[] analytic = p.grad().clone();
                for (int i = 0; i < p.value().length; i += Math.max(1, p.value().length / 12)) {
                    double x = p.value()[i], eps = 1e-5;
                    p.value()[i] = x + eps;
                    double up = loss(model, sub, nodeIds, dense, objective, items, rows);
                    p.value()[i] = x - eps;
                    double down = loss(model, sub, nodeIds, dense, objective, items, rows);
                    p.value()[i] = x;
                    double numeric = (up - down) / (2 * eps);
                    assertEquals(numeric, analytic[i], 1e-6 + 1e-4 * Math.abs(numeric),
                            p.name() + "[" + i + "] analytic " + analytic[i] + " numeric " + numeric);
                    checked++;
                }
            }
            if (features) {
                assertTrue(names.containsAll(List.of("features.a.tsv.weight", "features.a.tsv.bias",
                        "features.b.tsv.weight", "features.b.tsv.bias")), names.toString());
                assertEquals(NODES - 5, model.params().get(0).shape()[0], "embedded rows: the nodes without features");
            }
            assertTrue(checked > 40, "checked " + checked);
        }
    }

    private static double loss(RgcnModel model, RelGraph g, int[] nodeIds, Dense dense, NodeObjective objective,
                               int[] items, int[] rows) {
        // the same seed gives the same dropout masks, so the loss is a fixed function of the parameters
        double[] out = model.forward(g, nodeIds, dense, true, new SplittableRandom(5), null);
        return objective.loss(out, items, rows, null);
    }

    private static RelGraph graph() {
        return RandomTriples.graph(NODES, RELATIONS, 24, 11);
    }

    /** The same graph with node ids permuted: local k is model node nodeIds[k]. */
    private static RelGraph relabel(RelGraph g, int[] nodeIds) {
        int[] local = new int[NODES];
        for (int k = 0; k < NODES; k++) {
            local[nodeIds[k]] = k;
        }
        Triples tr = RandomTriples.of(NODES, RELATIONS, 24, 11);
        int[] h = tr.heads(), t = tr.tails();
        for (int k = 0; k < tr.size(); k++) {
            h[k] = local[h[k]];
            t[k] = local[t[k]];
        }
        return RelGraph.of(tr, NODES, RELATIONS);
    }

    /** Two groups: nodes 0, 3, 7 with three columns (one sparse), nodes 2, 9 with one column; the rest embedded. */
    private static NodeFeatures features() {
        return new NodeFeatures(List.of(
                new NodeFeatures.Group("a.tsv", List.of("x", "y", "z"), new int[] {0, 3, 7},
                        new double[] {0.5, -1, 0, 1.5, 0.2, -0.3, -0.8, 0, 2}),
                new NodeFeatures.Group("b.tsv", List.of("w"), new int[] {2, 9}, new double[] {1.3, -0.6})));
    }
}
