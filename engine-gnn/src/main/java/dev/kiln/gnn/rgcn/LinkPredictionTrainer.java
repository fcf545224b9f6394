package dev.kiln.gnn.rgcn;

import dev.kiln.gnn.data.Permutations;
import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.EmbeddingTable;
import java.util.SplittableRandom;

/**
 * RGCN link prediction (Schlichtkrull et al. 2018, section 4): the RGCN encoder's last layer gives
 * each entity an embedding and a DistMult decoder scores {@code sum_k e_h[k] r[k] e_t[k]}. Each step
 * scores a batch of positive triples against negatives drawn as {@link LinkNegatives} says (uniform
 * entities in place of the head or the tail, per positive or shared by a chunk of positives) and takes
 * one Adam step on {@link DistMultObjective}'s logistic loss. Without a sampler the encoder runs over the whole
 * training graph every step; with a {@link NeighbourSampler} it runs on per-layer {@link Blocks} sampled
 * from the in-neighbourhoods of the batch's entities (heads, tails and negatives), the last layer computing
 * only those entities, with the batch's own triples removed from the sampled graph (see {@link LinkBatchSampler}). Entity embeddings for ranking always come from the
 * full graph. Dropout, negatives and sampling draw from a stream seeded by (seed, epoch), so a resumed
 * job repeats an uninterrupted one; with a fixed thread count runs are deterministic.
 */
public final class LinkPredictionTrainer implements AutoCloseable {
    /** The DistMult decoder's relation diagonals, [relations x dim], one of the encoder's params. */
    public static final String DECODER = "distmult.relations";
    private final RgcnModel encoder;
    private final Param relations;
    private final RelGraph graph;
    private final Dense dense;
    private final long seed;
    private final int dim;
    private int step;

    /** {@code encoder} must output {@code numClasses} = embedding width; the relation table is added to its params. */
    public LinkPredictionTrainer(RgcnModel encoder, int numBaseRelations, RelGraph graph, int threads, long seed) {
        this.encoder = encoder;
        this.dim = encoder.cfg.numClasses();
        this.relations = encoder.addDecoderParam(DECODER, new int[] {numBaseRelations, dim}, true);
        relations.glorot(1, dim, new SplittableRandom(seed + 17));
        this.graph = graph;
        this.dense = new Dense(threads);
        this.seed = seed;
    }

    /** Optimiser steps taken so far (restored from a checkpoint by {@link #setSteps}). */
    public int steps() {
        return step;
    }

    public void setSteps(int steps) {
        this.step = steps;
    }

    /** One full-graph pass over {@code train} in shuffled batches; returns the mean loss per positive. */
    public double epoch(Triples train, int epoch, int batchSize, LinkNegatives negatives, double lr, double weightDecay,
                        java.util.function.BooleanSupplier stop) {
        return epoch(train, epoch, batchSize, negatives, null, lr, weightDecay, stop);
    }

    /**
     * One pass over {@code train} in shuffled batches, each step on blocks drawn by {@code sampler}
     * (null: the whole graph); returns the mean loss per positive. {@code train} must be the triples
     * the graph was built from, so that a batch's edges can be found and left out of its blocks.
     */
    public double epoch(Triples train, int epoch, int batchSize, LinkNegatives negatives, NeighbourSampler sampler,
                        double lr, double weightDecay, java.util.function.BooleanSupplier stop) {
        LinkBatchSampler batches = sampler == null ? null : batchSampler(train, sampler);
        DistMultObjective objective = objective(negatives);
        SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + epoch);
        int n = train.size();
        int[] order = Permutations.shuffled(n, rnd);
        double total = 0;
        for (int lo = 0; lo < n && !stop.getAsBoolean(); lo += batchSize) {
            int[] batch = java.util.Arrays.copyOfRange(order, lo, Math.min(n, lo + batchSize));
            encoder.zeroGrad();
            double loss = batches == null ? lossAndGradient(train, batch, negatives, objective, rnd)
                    : sampledLossAndGradient(batches, batch, negatives, objective, rnd);
            step++;
            for (Param p : encoder.params()) {
                p.adam(lr, weightDecay, step);
            }
            total += loss * batch.length;
        }
        return total / n;
    }

    DistMultObjective objective(LinkNegatives negatives) {
        return new DistMultObjective(dim, negatives.adversarialTemperature(), dense);
    }

    /** The batch's mean loss; accumulates gradients of every parameter. Dropout and negatives come from {@code rnd}. */
    double lossAndGradient(Triples train, int[] batch, LinkNegatives negatives, DistMultObjective objective,
                           SplittableRandom rnd) {
        double[] e = encoder.forward(graph, dense, true, rnd, null);
        LinkBatch.Draw draw = LinkBatch.draw(batch.length, negatives.chunkSize(), negatives.numNegs(),
                encoder.cfg.numNodes(), rnd);
        int b = batch.length;
        int[] heads = new int[b], rels = new int[b], tails = new int[b];
        for (int k = 0; k < b; k++) {
            heads[k] = train.heads()[batch[k]];
            rels[k] = train.relations()[batch[k]];
            tails[k] = train.tails()[batch[k]];
        }
        LinkBatch lb = new LinkBatch(heads, rels, tails, negatives.chunkSize(), negatives.numNegs(),
                draw.negatives(), draw.corruptTail());
        double[] ge = new double[e.length];
        double loss = objective.lossAndGradient(e, ge, relations.value, relations.grad, lb);
        encoder.backward(graph, dense, ge);
        return loss;
    }

    /**
     * The batch's mean loss on sampled blocks: negatives are drawn as in the full-graph step, the batch's
     * entities become the sampler's seeds, and the encoder computes only their rows from their neighbourhoods.
     */
    double sampledLossAndGradient(LinkBatchSampler batches, int[] batch, LinkNegatives negatives,
                                  DistMultObjective objective, SplittableRandom rnd) {
        LinkBatchSampler.Batch b = batches.draw(batch, negatives, rnd);
        Blocks blocks = b.blocks();
        double[] e = encoder.forward(blocks, dense, true, rnd, null);
        double[] ge = new double[e.length];
        double loss = objective.lossAndGradient(e, ge, relations.value, relations.grad, b.batch());
        encoder.backward(blocks, dense, ge);
        return loss;
    }

    /** The per-batch sampler for {@code train}'s triples over this trainer's graph. */
    LinkBatchSampler batchSampler(Triples train, NeighbourSampler sampler) {
        return new LinkBatchSampler(graph, train, sampler);
    }

    /** Entity embeddings (encoder output without dropout) as a float table for ranking and the model dir. */
    public EmbeddingTable entityEmbeddings() {
        double[] e = encoder.forward(graph, dense, false, null, null);
        return toTable(e, encoder.cfg.numNodes());
    }

    /** The first layer's input of every entity without dropout (entities x hidden): embedding or feature projection. */
    public double[] inputRows() {
        return encoder.inputRows(dense);
    }

    public EmbeddingTable relationEmbeddings() {
        return toTable(relations.value, relations.value.length / dim);
    }

    private EmbeddingTable toTable(double[] v, int rows) {
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) v[i];
        }
        return new EmbeddingTable(rows, dim, f);
    }

    @Override
    public void close() {
        dense.close();
    }
}
