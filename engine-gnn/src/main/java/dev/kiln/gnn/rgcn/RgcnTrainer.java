package dev.kiln.gnn.rgcn;

import dev.kiln.gnn.data.NodeLabels;
import java.util.SplittableRandom;

/**
 * Training of an {@link RgcnModel} for node classification: full-graph (one Adam step per epoch on the
 * train labels, as in Schlichtkrull et al.'s entity classification) or mini-batch on sampled
 * neighbourhoods (one step per batch of train nodes). Dropout masks come from a random stream seeded by
 * (seed, epoch), so a resumed job draws the same masks as an uninterrupted one.
 */
public final class RgcnTrainer implements AutoCloseable {
    private final RgcnModel model;
    private final RelGraph graph;
    private final Dense dense;
    private final long seed;
    private int step;

    public RgcnTrainer(RgcnModel model, RelGraph graph, int threads, long seed) {
        this.model = model;
        this.graph = graph;
        this.dense = new Dense(threads);
        this.seed = seed;
    }

    /** Optimiser steps taken; a resumed job sets it from the epochs done. */
    public void setSteps(int steps) {
        this.step = steps;
    }

    /** Trains one full-graph epoch (one Adam step) and returns the train cross-entropy before the step. */
    public double epoch(NodeLabels.Split train, int epoch, double lr, double weightDecay) {
        model.zeroGrad();
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + epoch);
        double[] logits = model.forward(graph, dense, true, rnd, null);
        double[] g = new double[logits.length];
        double loss = NodeLoss.crossEntropy(logits, model.cfg.numClasses(), train.nodes(), train.labels(), g);
        model.backward(graph, dense, g);
        step(lr, weightDecay);
        return loss;
    }

    /**
     * Trains one mini-batch epoch: the train nodes in shuffled batches of {@code batchSize}, each on a
     * subgraph sampled by {@code sampler}, one Adam step per batch. Returns the mean train cross-entropy.
     */
    public double epoch(NodeLabels.Split train, int epoch, int batchSize, NeighbourSampler sampler, double lr,
                        double weightDecay) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + epoch);
        int n = train.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        double total = 0;
        int classes = model.cfg.numClasses();
        for (int lo = 0; lo < n; lo += batchSize) {
            int size = Math.min(batchSize, n - lo);
            int[] seeds = new int[size];
            int[] labels = new int[size];
            for (int k = 0; k < size; k++) {
                seeds[k] = train.nodes()[order[lo + k]];
                labels[k] = train.labels()[order[lo + k]];
            }
            NeighbourSampler.Subgraph sub = sampler.sample(seeds, rnd);
            model.zeroGrad();
            double[] logits = model.forward(sub.graph(), sub.nodes(), dense, true, rnd, null);
            double[] g = new double[logits.length];
            int[] local = new int[size];
            for (int k = 0; k < size; k++) {
                local[k] = k; // the sampler puts the seeds first
            }
            total += size * NodeLoss.crossEntropy(logits, classes, local, labels, g);
            model.backward(sub.graph(), dense, g);
            step(lr, weightDecay);
        }
        return total / n;
    }

    private void step(double lr, double weightDecay) {
        step++;
        for (Param p : model.params()) {
            p.adam(lr, weightDecay, step);
        }
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
