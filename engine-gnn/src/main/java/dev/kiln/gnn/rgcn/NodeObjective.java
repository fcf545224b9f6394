package dev.kiln.gnn.rgcn;

import dev.kiln.gnn.data.NodeLabels;

/**
 * What node training minimises over its labelled train nodes: softmax cross-entropy for classification,
 * squared error for regression. Item k is the k-th labelled node; a mini-batch passes a subset of items
 * and the output rows where they sit (a sampled batch's seeds, first in its blocks).
 */
public interface NodeObjective {

    /** The labelled nodes (model node ids), item k at index k. */
    int[] nodes();

    /**
     * The mean loss over {@code items}, whose outputs are rows {@code rows[k]} of {@code out}; if
     * {@code grad} is not null, adds the gradient of that mean wrt {@code out} into it.
     */
    double loss(double[] out, int[] items, int[] rows, double[] grad);

    /** Cross-entropy over {@code classes} logits per node for the split's labels. */
    static NodeObjective classification(NodeLabels.Split split, int classes) {
        return new NodeObjective() {
            @Override
            public int[] nodes() {
                return split.nodes();
            }

            @Override
            public double loss(double[] out, int[] items, int[] rows, double[] grad) {
                int[] labels = new int[items.length];
                for (int k = 0; k < items.length; k++) {
                    labels[k] = split.labels()[items[k]];
                }
                return NodeLoss.crossEntropy(out, classes, rows, labels, grad);
            }
        };
    }

    /** Mean squared error of one output per node against {@code targets} (parallel to {@code nodes}). */
    static NodeObjective regression(int[] nodes, double[] targets) {
        return new NodeObjective() {
            @Override
            public int[] nodes() {
                return nodes;
            }

            @Override
            public double loss(double[] out, int[] items, int[] rows, double[] grad) {
                double[] y = new double[items.length];
                for (int k = 0; k < items.length; k++) {
                    y[k] = targets[items[k]];
                }
                return NodeLoss.squaredError(out, rows, y, grad);
            }
        };
    }
}
