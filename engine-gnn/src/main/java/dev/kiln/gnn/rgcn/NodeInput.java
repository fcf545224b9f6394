package dev.kiln.gnn.rgcn;

import dev.kiln.gnn.data.NodeFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The first layer's input per node: a learned embedding row for a node without features (the paper's
 * one-hot input times the first weight matrix), and {@code W_f x + b_f} for a node of feature group f, each
 * group with its own dense projection into the hidden width (as Neptune ML and DGL's RGCN project each
 * node type's features and embed featureless types). Not thread-safe: one forward, then its backward.
 */
final class NodeInput {
    final Param embedding;        // one row per featureless node, hidden wide
    final Param[] weight;         // per group: width x hidden
    final Param[] bias;           // per group: hidden
    private final int hidden;
    private final int[] groupOf;  // node -> feature group, -1 for an embedded node; null without features
    private final int[] rowOf;    // node -> row in the embedding, or in its group's values
    private final NodeFeatures.Group[] groups;
    private int[] nodeIds;        // of the last forward, null for the whole graph

    NodeInput(int numNodes, int hidden, NodeFeatures features, SplittableRandom rnd, long seed) {
        this.hidden = hidden;
        groups = features.groups().toArray(NodeFeatures.Group[]::new);
        int embedded = numNodes;
        if (groups.length == 0) {
            groupOf = null;
            rowOf = null;
        } else {
            groupOf = new int[numNodes];
            rowOf = new int[numNodes];
            Arrays.fill(groupOf, -1);
            for (int f = 0; f < groups.length; f++) {
                int[] nodes = groups[f].nodes();
                for (int k = 0; k < nodes.length; k++) {
                    groupOf[nodes[k]] = f;
                    rowOf[nodes[k]] = k;
                }
            }
            embedded = 0;
            for (int i = 0; i < numNodes; i++) {
                if (groupOf[i] < 0) {
                    rowOf[i] = embedded++;
                }
            }
        }
        embedding = new Param("embedding", new int[] {embedded, hidden}, true);
        // the draws match the featureless model's of earlier versions (Glorot, then overwritten): same seeds, same runs
        embedding.glorot(embedded, hidden, rnd);
        // Glorot over (nodes, hidden) makes rows tiny on big graphs; the paper's one-hot layer sees fan-in 1 per node
        double bound = Math.sqrt(6.0 / (1 + hidden));
        for (int i = 0; i < embedding.value.length; i++) {
            embedding.value[i] = (rnd.nextDouble() * 2 - 1) * bound;
        }
        weight = new Param[groups.length];
        bias = new Param[groups.length];
        SplittableRandom frnd = new SplittableRandom(seed * 31 + 7);
        for (int f = 0; f < groups.length; f++) {
            String name = "features." + groups[f].name();
            weight[f] = new Param(name + ".weight", new int[] {groups[f].width(), hidden}, true);
            weight[f].glorot(groups[f].width(), hidden, frnd);
            bias[f] = new Param(name + ".bias", new int[] {hidden}, false);
        }
    }

    /** The feature projections' tensors (the embedding is listed separately, first). */
    List<Param> projectionParams() {
        List<Param> p = new ArrayList<>();
        for (int f = 0; f < groups.length; f++) {
            p.add(weight[f]);
            p.add(bias[f]);
        }
        return p;
    }

    /** The embedding row of {@code node}, or -1 when the node's input comes from its features. */
    int embeddingRow(int node) {
        if (groupOf == null) {
            return node;
        }
        return groupOf[node] < 0 ? rowOf[node] : -1;
    }

    /** The input rows ({@code n x hidden}) of local nodes {@code nodeIds} (null: every node, n of them). */
    double[] forward(int n, int[] nodeIds, Dense dense) {
        this.nodeIds = nodeIds;
        int d = hidden;
        if (groupOf == null && nodeIds == null) {
            return embedding.value;
        }
        double[] h = new double[n * d];
        double[] emb = embedding.value;
        dense.forRows(n, k -> {
            int i = nodeIds == null ? k : nodeIds[k];
            int f = groupOf == null ? -1 : groupOf[i];
            int row = rowOf == null ? i : rowOf[i];
            if (f < 0) {
                System.arraycopy(emb, row * d, h, k * d, d);
                return;
            }
            int w = groups[f].width();
            double[] x = groups[f].values(), wt = weight[f].value, b = bias[f].value;
            for (int j = 0; j < d; j++) {
                h[k * d + j] = b[j];
            }
            for (int c = 0; c < w; c++) {
                double xc = x[row * w + c];
                if (xc != 0) {
                    for (int j = 0; j < d; j++) {
                        h[k * d + j] += xc * wt[c * d + j];
                    }
                }
            }
        });
        return h;
    }

    /** Accumulates the gradients for {@code grad}, the loss gradient wrt the last forward's rows. */
    void backward(int n, double[] grad) {
        int d = hidden;
        double[] ge = embedding.grad;
        for (int k = 0; k < n; k++) {
            int i = nodeIds == null ? k : nodeIds[k];
            int f = groupOf == null ? -1 : groupOf[i];
            int row = rowOf == null ? i : rowOf[i];
            if (f < 0) {
                for (int j = 0; j < d; j++) {
                    ge[row * d + j] += grad[k * d + j];
                }
                continue;
            }
            int w = groups[f].width();
            double[] x = groups[f].values(), gw = weight[f].grad, gb = bias[f].grad;
            for (int j = 0; j < d; j++) {
                gb[j] += grad[k * d + j];
            }
            for (int c = 0; c < w; c++) {
                double xc = x[row * w + c];
                if (xc != 0) {
                    for (int j = 0; j < d; j++) {
                        gw[c * d + j] += xc * grad[k * d + j];
                    }
                }
            }
        }
    }
}
