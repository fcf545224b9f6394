package dev.kiln.gnn.train;

/**
 * Loss of one positive against its negatives, with gradients with respect to each score.
 * Logistic is DGL-KE's: the mean of -log sigmoid(offset + s+) and of the (optionally
 * self-adversarially weighted) -log sigmoid(-(offset + s-)). Margin is the pairwise hinge
 * mean over negatives of max(0, gamma - s+ + s-). Softmax is the cross-entropy of the positive among itself and
 * its negatives, -s+ + log(e^s+ + sum_j e^s_j): with a chunk's many shared negatives it approximates the 1-N
 * training (every entity a candidate) behind DistMult's published WN18RR figure, at the cost of the sampled
 * negatives only. It has no offset or margin: a softmax does not change when every score moves by the same amount.
 */
public final class LossFunction {
    /** Which loss. */
    public enum Kind { LOGISTIC, MARGIN, SOFTMAX }

    private final Kind kind;
    private final double gamma;
    private final double offset;
    private final double adversarialTemperature;

    /**
     * @param offset added to scores in the logistic loss (the model's logistic offset)
     * @param adversarialTemperature self-adversarial alpha; 0 weighs negatives uniformly
     */
    public LossFunction(Kind kind, double gamma, double offset, double adversarialTemperature) {
        this.kind = kind;
        this.gamma = gamma;
        this.offset = offset;
        this.adversarialTemperature = adversarialTemperature;
    }

    public Kind kind() {
        return kind;
    }

    public double gamma() {
        return gamma;
    }

    /** Added to scores in the logistic loss. */
    public double offset() {
        return offset;
    }

    public double adversarialTemperature() {
        return adversarialTemperature;
    }

    /**
     * Computes the loss; writes dLoss/dScore of the positive into {@code grad[0]} and of negative j
     * into {@code negGrad[j]}.
     */
    public double apply(float pos, float[] neg, int k, float[] grad, float[] negGrad) {
        return switch (kind) {
            case MARGIN -> margin(pos, neg, k, grad, negGrad);
            case LOGISTIC -> logistic(pos, neg, k, grad, negGrad);
            case SOFTMAX -> softmax(pos, neg, k, grad, negGrad);
        };
    }

    private static double softmax(float pos, float[] neg, int k, float[] grad, float[] negGrad) {
        double max = pos;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, neg[j]);
        }
        double ePos = Math.exp(pos - max), z = ePos;
        for (int j = 0; j < k; j++) {
            double e = Math.exp(neg[j] - max);
            negGrad[j] = (float) e;
            z += e;
        }
        double inv = 1 / z;
        for (int j = 0; j < k; j++) {
            negGrad[j] *= (float) inv;
        }
        grad[0] = (float) (ePos * inv - 1);
        return Math.log(z) + max - pos;
    }

    private double margin(float pos, float[] neg, int k, float[] grad, float[] negGrad) {
        double loss = 0;
        float gPos = 0;
        float w = 1f / k;
        for (int j = 0; j < k; j++) {
            double v = gamma - pos + neg[j];
            if (v > 0) {
                loss += v * w;
                gPos -= w;
                negGrad[j] = w;
            } else {
                negGrad[j] = 0;
            }
        }
        grad[0] = gPos;
        return loss;
    }

    private double logistic(float pos, float[] neg, int k, float[] grad, float[] negGrad) {
        double p = offset + pos;
        double loss = 0.5 * softplus(-p);
        grad[0] = (float) (-0.5 * sigmoid(-p));
        if (adversarialTemperature > 0) {
            // Softmax weights over negatives, treated as constants (detached) as in the RotatE paper.
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                max = Math.max(max, adversarialTemperature * (offset + neg[j]));
            }
            double z = 0;
            for (int j = 0; j < k; j++) {
                double e = Math.exp(adversarialTemperature * (offset + neg[j]) - max);
                negGrad[j] = (float) e;
                z += e;
            }
            for (int j = 0; j < k; j++) {
                double w = negGrad[j] / z;
                double n = offset + neg[j];
                double e = Math.exp(-Math.abs(n)), inv = 1 / (1 + e);
                loss += 0.5 * w * (Math.max(n, 0) + Math.log(1 + e));
                negGrad[j] = (float) (0.5 * w * (n >= 0 ? inv : e * inv));
            }
        } else {
            double w = 1.0 / k;
            // softplus and sigmoid from one exp: this loop runs for every positive-negative pair, and Math.log1p
            // is not a JIT intrinsic (log(1 + e) with e in (0, 1] loses nothing that matters to a loss).
            for (int j = 0; j < k; j++) {
                double n = offset + neg[j];
                double e = Math.exp(-Math.abs(n)), inv = 1 / (1 + e);
                loss += 0.5 * w * (Math.max(n, 0) + Math.log(1 + e));
                negGrad[j] = (float) (0.5 * w * (n >= 0 ? inv : e * inv));
            }
        }
        return loss;
    }

    /** log(1 + e^x), stable for large |x|. */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    /** 1 / (1 + e^-x), stable for large |x|. */
    public static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
