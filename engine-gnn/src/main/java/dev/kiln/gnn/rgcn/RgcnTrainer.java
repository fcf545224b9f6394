package dev.kiln.gnn.rgcn;

import dev.kiln.gnn.data.NodeLabels;
import java.util.SplittableRandom;

/**
 * Full-graph training of an {@link RgcnModel}: one Adam step per epoch on the train labels, as in
 * Schlichtkrull et al.'s entity classification. Dropout masks come from a random stream seeded by
 * (seed, epoch), so a resumed job draws the same masks as an uninterrupted one.
 */
public final class RgcnTrainer implements AutoCloseable {
    private final RgcnModel model;
    private final RelGraph graph;
    private final Dense dense;
    private final long seed;

    public RgcnTrainer(RgcnModel model, RelGraph graph, int threads, long seed) {
        this.model = model;
        this.graph = graph;
        this.dense = new Dense(threads);
        this.seed = seed;
    }

    /** Trains one epoch (1-based; it is also Adam's step) and returns the train cross-entropy before the step. */
    public double epoch(NodeLabels.Split train, int epoch, double lr, double weightDecay) {
        model.zeroGrad();
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + epoch);
        double[] logits = model.forward(graph, dense, true, rnd, null);
        double[] g = new double[logits.length];
        double loss = NodeLoss.crossEntropy(logits, model.cfg.numClasses(), train.nodes(), train.labels(), g);
        model.backward(graph, dense, g);
        for (Param p : model.params()) {
            p.adam(lr, weightDecay, epoch);
        }
        return loss;
    }

    /** Logits of every node without dropout; {@code hiddenOut[0]}, if given, receives the last hidden layer. */
    public double[] predict(double[][] hiddenOut) {
        return model.forward(graph, dense, false, null, hiddenOut);
    }

    @Override
    public void close() {
        dense.close();
    }
}
