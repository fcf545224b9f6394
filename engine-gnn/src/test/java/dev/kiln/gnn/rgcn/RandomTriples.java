package dev.kiln.gnn.rgcn;

import dev.kiln.gnn.data.Triples;
import java.util.SplittableRandom;

/** Uniformly random triples for the RGCN tests: each edge draws head, relation and tail in turn from one seed. */
final class RandomTriples {
    private RandomTriples() {}

    /** {@code edges} triples over {@code nodes} nodes and {@code relations} relations (repeats and self-loops allowed). */
    static Triples of(int nodes, int relations, int edges, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] h = new int[edges], r = new int[edges], t = new int[edges];
        for (int k = 0; k < edges; k++) {
            h[k] = rnd.nextInt(nodes);
            r[k] = rnd.nextInt(relations);
            t[k] = rnd.nextInt(nodes);
        }
        return new Triples(h, r, t);
    }

    /** The graph of {@link #of}'s triples. */
    static RelGraph graph(int nodes, int relations, int edges, long seed) {
        return RelGraph.of(of(nodes, relations, edges, seed), nodes, relations);
    }
}
