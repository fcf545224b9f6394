package dev.kiln.gnn.rgcn;

import dev.kiln.gnn.data.NodeLabels;
import dev.kiln.gnn.data.Permutations;
import java.util.SplittableRandom;

/**
 * Training of an {@link RgcnModel} for a node task ({@link NodeObjective}: classification or regression): full-graph (one Adam step per epoch on the
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
        return epoch(NodeObjective.classification(train, model.cfg.numClasses()), epoch, lr, weightDecay);
    }

    /** Trains one full-graph epoch (one Adam step) and returns the train loss before the step. */
    public double epoch(NodeObjective objective, int epoch, double lr, double weightDecay) {
        model.zeroGrad();
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + epoch);
        double[] out = model.forward(graph, dense, true, rnd, null);
        double[] g = new double[out.length];
        int[] nodes = objective.nodes();
        int[] items = new int[nodes.length];
        for (int k = 0; k < items.length; k++) {
            items[k] = k;
        }
        double loss = objective.loss(out, items, nodes, g);
        model.backward(graph, dense, g);
        step(lr, weightDecay);
        return loss;
    }

    /**
     * Trains one mini-batch epoch: the train nodes in shuffled batches of {@code batchSize}, each on the
     * per-layer blocks sampled by {@code sampler}, one Adam step per batch. Returns the mean train cross-entropy.
     */
    public double epoch(NodeLabels.Split train, int epoch, int batchSize, NeighbourSampler sampler, double lr,
                        double weightDecay) {
        return epoch(NodeObjective.classification(train, model.cfg.numClasses()), epoch, batchSize, sampler, lr,
                weightDecay);
    }

    /**
     * Trains one mini-batch epoch of {@code objective}'s nodes, as above; returns the mean train loss
     * over the batches (weighted by batch size).
     */
    public double epoch(NodeObjective objective, int epoch, int batchSize, NeighbourSampler sampler, double lr,
                        double weightDecay) {
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + epoch);
        int[] trainNodes = objective.nodes();
        int n = trainNodes.length;
        int[] order = Permutations.shuffled(n, rnd);
        double total = 0;
        for (int lo = 0; lo < n; lo += batchSize) {
            int size = Math.min(batchSize, n - lo);
            int[] seeds = new int[size];
            int[] items = new int[size];
            for (int k = 0; k < size; k++) {
                items[k] = order[lo + k];
                seeds[k] = trainNodes[items[k]];
            }
            Blocks blocks = sampler.sample(seeds, rnd);
            model.zeroGrad();
            double[] logits = model.forward(blocks, dense, true, rnd, null);
            double[] g = new double[logits.length];
            int[] local = new int[size];
            for (int k = 0; k < size; k++) {
                local[k] = k; // train nodes are distinct and the sampler keeps the seeds first, in order
            }
            total += size * objective.loss(logits, items, local, g);
            model.backward(blocks, dense, g);
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

    /** The first layer's input of every node without dropout (learned embeddings and feature projections). */
    public double[] inputRows() {
        return model.inputRows(dense);
    }

    @Override
    public void close() {
        dense.close();
    }
}
