package dev.kiln.gnn.rgcn;

/**
 * Accuracy and macro F1 of predictions on labelled nodes. Macro F1 averages the per-class F1 over
 * classes that occur in the labels or the predictions, so a model that always predicts the majority
 * class scores its accuracy but a low F1.
 */
public record ClassMetrics(double accuracy, double macroF1, int count) {

    public static ClassMetrics of(int[] predicted, int[] nodes, int[] labels, int classes) {
        int[] tp = new int[classes], fp = new int[classes], fn = new int[classes];
        int correct = 0;
        for (int k = 0; k < nodes.length; k++) {
            int p = predicted[nodes[k]], y = labels[k];
            if (p == y) {
                correct++;
                tp[y]++;
            } else {
                fp[p]++;
                fn[y]++;
            }
        }
        double f1 = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (tp[c] + fp[c] + fn[c] == 0) {
                continue;
            }
            present++;
            f1 += 2.0 * tp[c] / (2.0 * tp[c] + fp[c] + fn[c]);
        }
        return new ClassMetrics(nodes.length == 0 ? 0 : (double) correct / nodes.length,
                present == 0 ? 0 : f1 / present, nodes.length);
    }
}
