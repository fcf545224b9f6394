package dev.kiln.gnn.rgcn;

import dev.kiln.gnn.data.Triples;
import java.util.Arrays;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Prepares one mini-batch of link prediction: draws its negatives as the full-graph step does
 * ({@link LinkBatch#draw}), makes every head, tail and negative
 * entity a seed, and samples the seeds' in-neighbourhoods with the batch's own triples (both
 * directions) left out. Without that exclusion the encoder could read a positive off the edge it is
 * asked to predict, which the full-graph step cannot avoid but sampling can; DGL's mini-batch
 * link-prediction examples exclude them for the same reason. Not thread-safe (it reuses a scratch map).
 */
final class LinkBatchSampler {
    private final RelGraph graph;
    private final Triples train;
    private final NeighbourSampler sampler;
    private final int[] localOf;

    /** One batch in its blocks' local node ids (every entity of the batch is a seed, so has an output row). */
    record Batch(LinkBatch batch, Blocks blocks) {}

    /** {@code train} must be the triples {@code graph} was built from. */
    LinkBatchSampler(RelGraph graph, Triples train, NeighbourSampler sampler) {
        this.graph = graph;
        this.train = train;
        this.sampler = sampler;
        this.localOf = new int[graph.numNodes];
        Arrays.fill(localOf, -1);
    }

    Batch draw(int[] batch, LinkNegatives ns, SplittableRandom rnd) {
        int b = batch.length;
        LinkBatch.Draw draw = LinkBatch.draw(b, ns.chunkSize(), ns.numNegs(), graph.numNodes, rnd);
        int[] negatives = draw.negatives();
        int[] heads = new int[b], relations = new int[b], tails = new int[b];
        int[] seeds = new int[2 * b + negatives.length];
        int count = 0;
        for (int k = 0; k < b; k++) {
            int i = batch[k];
            relations[k] = train.relations()[i];
            count = seed(train.heads()[i], seeds, count);
            count = seed(train.tails()[i], seeds, count);
        }
        for (int q = 0; q < negatives.length; q++) {
            count = seed(negatives[q], seeds, count);
        }
        // the sampler keeps seeds first and in order, so a seed's local id is its position here
        for (int k = 0; k < b; k++) {
            heads[k] = localOf[train.heads()[batch[k]]];
            tails[k] = localOf[train.tails()[batch[k]]];
        }
        for (int q = 0; q < negatives.length; q++) {
            negatives[q] = localOf[negatives[q]];
        }
        int[] unique = Arrays.copyOf(seeds, count);
        for (int s : unique) {
            localOf[s] = -1;
        }
        Blocks blocks = sampler.sample(unique, rnd, edgesOf(batch));
        return new Batch(new LinkBatch(heads, relations, tails, ns.chunkSize(), ns.numNegs(), negatives,
                draw.corruptTail()), blocks);
    }

    private int seed(int node, int[] seeds, int count) {
        if (localOf[node] < 0) {
            localOf[node] = count;
            seeds[count++] = node;
        }
        return count;
    }

    /**
     * Positions (in the graph's destination layout) of every edge carrying one of the batch's triples:
     * h to t under r and the inverse t to h under r + R, duplicates included.
     */
    BitSet edgesOf(int[] batch) {
        BitSet edges = new BitSet(graph.numEdges());
        int base = graph.numRelations / 2;
        for (int i : batch) {
            int h = train.heads()[i], r = train.relations()[i], t = train.tails()[i];
            mark(edges, h, t, r);
            mark(edges, t, h, r + base);
        }
        return edges;
    }

    private void mark(BitSet edges, int src, int dst, int rel) {
        for (int p = graph.dstPtr[dst]; p < graph.dstPtr[dst + 1]; p++) {
            if (graph.inSrc[p] == src && graph.inRel[p] == rel) {
                edges.set(p);
            }
        }
    }
}
