package dev.kiln.gnn.rgcn;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Mini-batch neighbour sampling into per-layer {@link Blocks} (GraphSAGE / DGL's
 * {@code MultiLayerNeighborSampler}): from the batch's seed nodes, hop h keeps at most {@code fanout[h]}
 * incoming edges per frontier node, sampled without replacement, and the new sources form the next
 * frontier. Each node is expanded once, at the first hop that reaches it (its distance from the seeds),
 * and its sampled edges serve every layer that computes it. For L layers the last block has the seeds as
 * destinations; block l has the nodes within L-1-l hops as destinations and those within L-l hops as
 * sources, so layer l computes only the rows a later layer reads, and the input layer reads only nodes
 * within L hops. Nodes are numbered in the order they are reached, so each block's destinations are a
 * prefix of its sources, and its edges a prefix of block 0's. The norms 1/c_ir count sampled edges, as
 * DGL's sampled blocks do; when every node keeps all its in-edges the blocks compute the full-graph rows of
 * the seeds exactly. Edges in an exclusion set are never sampled (link prediction removes the batch's own
 * triples, so the encoder cannot read the answer off the message-passing graph).
 */
public final class NeighbourSampler {
    private final RelGraph full;
    private final int[] fanouts;

    /** {@code fanouts[h]} for hop h from the seeds (h = 0: the seeds' own in-edges); one entry per layer. */
    public NeighbourSampler(RelGraph full, int[] fanouts) {
        this.full = full;
        this.fanouts = fanouts.clone();
    }

    /** The blocks of one batch: the seeds (distinct) become local nodes 0..seeds-1, in order. */
    public Blocks sample(int[] seeds, SplittableRandom rnd) {
        return sample(seeds, rnd, null);
    }

    /**
     * The same, never taking an edge whose index in the full graph's destination layout is set in
     * {@code excluded} (null: none); a node keeps up to {@code fanout} of its remaining in-edges.
     */
    Blocks sample(int[] seeds, SplittableRandom rnd, BitSet excluded) {
        Map<Integer, Integer> local = new HashMap<>();
        int[] nodes = new int[Math.max(16, seeds.length * 2)];
        int count = 0;
        for (int s : seeds) {
            if (local.putIfAbsent(s, count) == null) {
                nodes = grow(nodes, count);
                nodes[count++] = s;
            }
        }
        int[] src = new int[1024], dst = new int[1024], rel = new int[1024];
        int edges = 0;
        int frontierStart = 0, frontierEnd = count;
        int[] pick = new int[0];
        int layers = fanouts.length;
        // after hop h: expanded[h] nodes (those within h hops), edgesAfter[h] edges into them, reached[h] nodes seen
        int[] expanded = new int[layers], edgesAfter = new int[layers], reached = new int[layers];
        for (int hop = 0; hop < layers; hop++) {
            int fanout = fanouts[hop];
            for (int k = frontierStart; k < frontierEnd; k++) {
                int i = nodes[k];
                int lo = full.dstPtr[i], deg = full.dstPtr[i + 1] - lo;
                if (pick.length < deg) {
                    pick = new int[deg];
                }
                for (int q = 0; q < deg; q++) {
                    pick[q] = lo + q;
                }
                // partial Fisher-Yates; an excluded edge is drawn but not kept, so it costs no fanout slot
                int taken = 0;
                for (int q = 0; q < deg && taken < fanout; q++) {
                    int j = q + rnd.nextInt(deg - q);
                    int p = pick[j];
                    pick[j] = pick[q];
                    pick[q] = p;
                    if (excluded != null && excluded.get(p)) {
                        continue;
                    }
                    taken++;
                    int s = full.inSrc[p];
                    Integer ls = local.get(s);
                    if (ls == null) {
                        ls = count;
                        local.put(s, count);
                        nodes = grow(nodes, count);
                        nodes[count++] = s;
                    }
                    if (edges == src.length) {
                        src = Arrays.copyOf(src, edges * 2);
                        dst = Arrays.copyOf(dst, edges * 2);
                        rel = Arrays.copyOf(rel, edges * 2);
                    }
                    src[edges] = ls;
                    dst[edges] = k;
                    rel[edges] = full.inRel[p];
                    edges++;
                }
            }
            expanded[hop] = frontierEnd;
            edgesAfter[hop] = edges;
            reached[hop] = count;
            frontierStart = frontierEnd;
            frontierEnd = count;
        }
        // layer l is hop L-1-l seen from the other end: its destinations were expanded by then, its sources reached
        RelGraph[] graphs = new RelGraph[layers];
        int[] dstCounts = new int[layers];
        for (int l = 0; l < layers; l++) {
            int hop = layers - 1 - l, e = edgesAfter[hop];
            dstCounts[l] = expanded[hop];
            graphs[l] = RelGraph.ofEdges(reached[hop], full.numRelations, Arrays.copyOf(src, e), Arrays.copyOf(dst, e),
                    Arrays.copyOf(rel, e));
        }
        return new Blocks(Arrays.copyOf(nodes, count), graphs, dstCounts);
    }

    private static int[] grow(int[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }
}
