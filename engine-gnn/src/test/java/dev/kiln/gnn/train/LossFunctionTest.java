package dev.kiln.gnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The logistic loss's fused per-pair softplus/sigmoid against the textbook formulas, both with and without weighting;
 * the softmax loss against the cross-entropy's definition and its finite differences.
 */
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

    @Test
    void softmaxIsTheCrossEntropyOfThePositive() {
        float pos = 1.5f;
        float[] neg = {-3f, -0.5f, 0f, 0.7f, 4f, 2.5f};
        int k = neg.length;
        LossFunction f = new LossFunction(LossFunction.Kind.SOFTMAX, 12, 2, 0);
        float[] grad = new float[1];
        float[] negGrad = new float[k];
        double loss = f.apply(pos, neg, k, grad, negGrad);
        double z = Math.exp(pos);
        for (float n : neg) {
            z += Math.exp(n);
        }
        assertEquals(Math.log(z) - pos, loss, 1e-6);
        assertEquals(Math.exp(pos) / z - 1, grad[0], 1e-6);
        double sum = grad[0];
        for (int j = 0; j < k; j++) {
            assertEquals(Math.exp(neg[j]) / z, negGrad[j], 1e-6, "negative " + j);
            sum += negGrad[j];
        }
        assertEquals(0, sum, 1e-6, "a softmax's gradient sums to zero");
        // Finite differences of each score (the loss in doubles through the same function).
        double h = 1e-2;
        float[] scratch = new float[k];
        assertEquals(grad[0], (f.apply(pos + (float) h, neg, k, new float[1], scratch)
                - f.apply(pos - (float) h, neg, k, new float[1], scratch)) / (2 * h), 1e-3);
        for (int j = 0; j < k; j++) {
            float[] up = neg.clone(), down = neg.clone();
            up[j] += (float) h;
            down[j] -= (float) h;
            double fd = (f.apply(pos, up, k, new float[1], scratch) - f.apply(pos, down, k, new float[1], scratch)) / (2 * h);
            assertEquals(negGrad[j], fd, 1e-3, "negative " + j);
        }
    }

    @Test
    void softmaxIsStableAtLargeScoresAndIgnoresAShift() {
        float[] neg = {900f, 1000f, -1000f};
        LossFunction f = new LossFunction(LossFunction.Kind.SOFTMAX, 12, 0, 0);
        float[] grad = new float[1];
        float[] negGrad = new float[3];
        // The positive 50 under the best negative: loss about 50, all the weight on that negative.
        assertEquals(50, f.apply(950f, neg, 3, grad, negGrad), 1e-3);
        assertEquals(-1, grad[0], 1e-6);
        assertEquals(1, negGrad[1], 1e-6);
        assertEquals(0, negGrad[2], 1e-6);
        float[] shiftedGrad = new float[3];
        assertEquals(f.apply(1.5f, new float[] {0.5f, 2f, -1f}, 3, grad, negGrad),
                f.apply(101.5f, new float[] {100.5f, 102f, 99f}, 3, new float[1], shiftedGrad), 1e-5);
        for (int j = 0; j < 3; j++) {
            assertEquals(negGrad[j], shiftedGrad[j], 1e-6);
        }
    }
}
