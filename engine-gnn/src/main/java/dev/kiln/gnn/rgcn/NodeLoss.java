package dev.kiln.gnn.rgcn;

/** Softmax cross-entropy and squared error over a subset of labelled nodes, and the argmax predictions. */
public final class NodeLoss {
    private NodeLoss() {}

    /**
     * The mean cross-entropy of {@code nodes} with {@code labels}; if {@code grad} is not null it
     * receives the gradient wrt the logits (zero on other nodes).
     */
    public static double crossEntropy(double[] logits, int classes, int[] nodes, int[] labels, double[] grad) {
        double total = 0;
        double scale = 1.0 / Math.max(1, nodes.length);
        double[] p = new double[classes];
        for (int k = 0; k < nodes.length; k++) {
            int base = nodes[k] * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[base + c]);
            }
            double z = 0;
            for (int c = 0; c < classes; c++) {
                p[c] = Math.exp(logits[base + c] - max);
                z += p[c];
            }
            total += Math.log(z) + max - logits[base + labels[k]];
            if (grad != null) {
                for (int c = 0; c < classes; c++) {
                    grad[base + c] += scale * (p[c] / z - (c == labels[k] ? 1 : 0));
                }
            }
        }
        return total * scale;
    }

    /**
     * The mean of {@code (out[nodes[k]] - targets[k])^2} (one output per node); if {@code grad} is not null
     * it receives the gradient wrt the outputs (zero on other nodes).
     */
    public static double squaredError(double[] out, int[] nodes, double[] targets, double[] grad) {
        double total = 0;
        double scale = 1.0 / Math.max(1, nodes.length);
        for (int k = 0; k < nodes.length; k++) {
            double e = out[nodes[k]] - targets[k];
            total += e * e;
            if (grad != null) {
                grad[nodes[k]] += 2 * scale * e;
            }
        }
        return total * scale;
    }

    /** The highest-scoring class of each node. */
    public static int[] argmax(double[] logits, int classes) {
        int n = logits.length / classes;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (logits[i * classes + c] > logits[i * classes + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
