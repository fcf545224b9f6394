package dev.kiln.gnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The logistic loss's fused per-pair softplus/sigmoid against the textbook formulas, both with and without weighting. */
class LossFunctionTest {
    @Test
    void logisticMatchesSoftplusAndSigmoid() {
        float[] neg = {-30f, -3f, -0.5f, 0f, 0.7f, 4f, 25f};
        int k = neg.length;
        for (double temperature : new double[] {0, 1}) {
            LossFunction f = new LossFunction(LossFunction.Kind.LOGISTIC, 12, 2, temperature);
            float[] grad = new float[1];
            float[] negGrad = new float[k];
            double loss = f.apply(1.5f, neg, k, grad, negGrad);
            double[] w = new double[k];
            double z = 0;
            for (int j = 0; j < k; j++) {
                w[j] = temperature > 0 ? Math.exp(temperature * (2 + neg[j])) : 1;
                z += w[j];
            }
            double expected = 0.5 * LossFunction.softplus(-(2 + 1.5));
            for (int j = 0; j < k; j++) {
                expected += 0.5 * w[j] / z * LossFunction.softplus(2 + neg[j]);
                assertEquals(0.5 * w[j] / z * LossFunction.sigmoid(2 + neg[j]), negGrad[j], 1e-6, "negative " + j);
            }
            assertEquals(expected, loss, 1e-7);
            assertEquals(-0.5 * LossFunction.sigmoid(-(2 + 1.5)), grad[0], 1e-6);
        }
    }
}
