package dev.kiln.gnn.rgcn;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Mini-batch neighbour sampling (GraphSAGE / DGL style, {@code fanout} per layer): from the batch's
 * seed nodes, each layer keeps at most {@code fanout[l]} incoming edges per frontier node, sampled
 * without replacement, and the sources form the next frontier. The sampled edges over the reached
 * nodes make a subgraph on which all layers run; the norms 1/c_ir count sampled edges, as DGL's
 * sampled blocks do. Each node is expanded once, at the first hop that reaches it. Edges in an
 * exclusion set are never sampled (link prediction removes the batch's own triples, so the encoder cannot
 * read the answer off the message-passing graph).
 */
public final class NeighbourSampler {
    private final RelGraph full;
    private final int[] fanouts;

    /** {@code fanouts[l]} for hop l from the seeds; one entry per layer. */
    public NeighbourSampler(RelGraph full, int[] fanouts) {
        this.full = full;
        this.fanouts = fanouts.clone();
    }

    /** A sampled subgraph: local node k is {@code nodes[k]} in the full graph; seeds are local 0..seeds-1. */
    public record Subgraph(int[] nodes, RelGraph graph) {}

    public Subgraph sample(int[] seeds, SplittableRandom rnd) {
        return sample(seeds, rnd, null);
    }

    /**
     * The same, never taking an edge whose index in the full graph's destination layout is set in
     * {@code excluded} (null: none); a node keeps up to {@code fanout} of its remaining in-edges.
     */
    Subgraph sample(int[] seeds, SplittableRandom rnd, BitSet excluded) {
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
        for (int fanout : fanouts) {
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
            frontierStart = frontierEnd;
            frontierEnd = count;
        }
        RelGraph g = RelGraph.ofEdges(count, full.numRelations, Arrays.copyOf(src, edges), Arrays.copyOf(dst, edges),
                Arrays.copyOf(rel, edges));
        return new Subgraph(Arrays.copyOf(nodes, count), g);
    }

    private static int[] grow(int[] a, int n) {
        return n < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }
}
