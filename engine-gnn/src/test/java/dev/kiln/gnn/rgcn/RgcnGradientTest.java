package dev.kiln.gnn.rgcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Analytic RGCN gradients against central finite differences of the cross-entropy, for every parameter tensor. */
class RgcnGradientTest {

    @ParameterizedTest
    @CsvSource({"false,0.0,true,2", "true,0.0,true,2", "true,0.3,false,0", "false,0.5,true,3"})
    void gradientsMatchFiniteDifferences(boolean layerNorm, double dropout, boolean selfLoop, int bases) {
        int nodes = 9, relations = 3, classes = 3;
        RelGraph g = RandomTriples.graph(nodes, relations, 20, 11);
        RgcnModel model = new RgcnModel(new RgcnModel.Config(nodes, g.numRelations(), 4, classes, 2, bases, selfLoop,
                layerNorm, dropout), 3);
        int[] labelled = {0, 2, 3, 5, 8};
        int[] labels = {0, 1, 2, 1, 0};
        try (Dense dense = new Dense(2)) {
            model.zeroGrad();
            double[] logits = model.forward(g, dense, true, new SplittableRandom(5), null);
            double[] gl = new double[logits.length];
            NodeLoss.crossEntropy(logits, classes, labelled, labels, gl);
            model.backward(g, dense, gl);
            int checked = 0;
            for (Param p : model.params()) {
                double[] grad = p.grad().clone();
                for (int i = 0; i < p.value().length; i += Math.max(1, p.value().length / 12)) {
                    double x = p.value()[i];
                    double eps = 1e-5;
                    p.value()[i] = x + eps;
                    double up = loss(model, g, dense, labelled, labels, classes);
                    p.value()[i] = x - eps;
                    double down = loss(model, g, dense, labelled, labels, classes);
                    p.value()[i] = x;
                    double numeric = (up - down) / (2 * eps);
                    assertEquals(numeric, grad[i], 1e-6 + 1e-4 * Math.abs(numeric),
                            p.name() + "[" + i + "] analytic " + grad[i] + " numeric " + numeric);
                    checked++;
                }
            }
            assertTrue(checked > 40, "checked " + checked);
        }
    }

    private static double loss(RgcnModel model, RelGraph g, Dense dense, int[] nodes, int[] labels, int classes) {
        // the same seed gives the same dropout masks, so the loss is a fixed function of the parameters
        double[] logits = model.forward(g, dense, true, new SplittableRandom(5), null);
        return NodeLoss.crossEntropy(logits, classes, nodes, labels, null);
    }
}
