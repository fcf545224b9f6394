package dev.kiln.gnn.rgcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.data.Triples;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sampled subgraphs respect the fanout, keep seeds first, use only real edges, and back-propagate exactly. */
class NeighbourSamplerTest {

    private static RelGraph randomGraph(int nodes, int relations, int edges, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] h = new int[edges], r = new int[edges], t = new int[edges];
        for (int k = 0; k < edges; k++) {
            h[k] = rnd.nextInt(nodes);
            r[k] = rnd.nextInt(relations);
            t[k] = rnd.nextInt(nodes);
        }
        return RelGraph.of(new Triples(h, r, t), nodes, relations);
    }

    @Test
    void respectsTheFanoutAndSamplesOnlyRealEdges() {
        RelGraph full = randomGraph(200, 3, 2000, 1);
        Set<Long> real = new HashSet<>();
        for (int i = 0; i < full.numNodes; i++) {
            for (int p = full.dstPtr[i]; p < full.dstPtr[i + 1]; p++) {
                real.add(((long) full.inSrc[p] * 1000 + i) * 10 + full.inRel[p]);
            }
        }
        int[] seeds = {5, 17, 42};
        NeighbourSampler.Subgraph sub = new NeighbourSampler(full, new int[] {4, 2}).sample(seeds, new SplittableRandom(2));
        assertArrayEquals(seeds, java.util.Arrays.copyOf(sub.nodes(), 3));
        RelGraph g = sub.graph();
        assertEquals(sub.nodes().length, g.numNodes);
        for (int k = 0; k < g.numNodes; k++) {
            int in = g.dstPtr[k + 1] - g.dstPtr[k];
            assertTrue(in <= (k < 3 ? 4 : 2), "node " + k + " has " + in + " sampled in-edges");
            for (int p = g.dstPtr[k]; p < g.dstPtr[k + 1]; p++) {
                long key = ((long) sub.nodes()[g.inSrc[p]] * 1000 + sub.nodes()[k]) * 10 + g.inRel[p];
                assertTrue(real.contains(key), "sampled edge not in the graph");
            }
        }
        assertEquals(4 * 3, g.dstPtr[3], "each seed has more than 4 in-edges in this dense graph, so exactly 4 are kept");
    }

    @Test
    void neverSamplesAnExcludedEdgeAndFillsTheFanoutFromTheRest() {
        RelGraph full = randomGraph(50, 2, 1500, 6);
        int seed = 7;
        java.util.BitSet excluded = new java.util.BitSet(full.numEdges());
        int lo = full.dstPtr[seed], deg = full.dstPtr[seed + 1] - lo;
        for (int p = lo; p < lo + deg - 3; p++) {
            excluded.set(p); // leave exactly three in-edges of the seed
        }
        for (int trial = 0; trial < 20; trial++) {
            NeighbourSampler.Subgraph sub = new NeighbourSampler(full, new int[] {5}).sample(new int[] {seed},
                    new SplittableRandom(trial), excluded);
            RelGraph g = sub.graph();
            assertEquals(3, g.dstPtr[1], "the three remaining edges are all kept");
            java.util.List<Long> kept = new java.util.ArrayList<>();
            for (int p = lo + deg - 3; p < lo + deg; p++) {
                kept.add((long) full.inSrc[p] * 100 + full.inRel[p]);
            }
            for (int p = 0; p < g.dstPtr[1]; p++) {
                assertTrue(kept.remove(Long.valueOf((long) sub.nodes()[g.inSrc[p]] * 100 + g.inRel[p])), "excluded edge sampled");
            }
        }
    }

    @Test
    void subgraphGradientsMatchFiniteDifferences() {
        RelGraph full = randomGraph(30, 2, 90, 4);
        RgcnModel model = new RgcnModel(new RgcnModel.Config(30, full.numRelations(), 4, 2, 2, 2, true, true, 0.2), 1);
        NeighbourSampler.Subgraph sub = new NeighbourSampler(full, new int[] {3, 3}).sample(new int[] {1, 2, 3},
                new SplittableRandom(3));
        int[] seeds = {0, 1, 2};
        int[] labels = {0, 1, 1};
        try (Dense dense = new Dense(1)) {
            model.zeroGrad();
            double[] logits = model.forward(sub.graph(), sub.nodes(), dense, true, new SplittableRandom(8), null);
            double[] g = new double[logits.length];
            NodeLoss.crossEntropy(logits, 2, seeds, labels, g);
            model.backward(sub.graph(), dense, g);
            for (Param p : model.params()) {
                double[] grad = p.grad().clone();
                for (int i = 0; i < p.value().length; i += Math.max(1, p.value().length / 10)) {
                    double x = p.value()[i], eps = 1e-5;
                    p.value()[i] = x + eps;
                    double up = NodeLoss.crossEntropy(model.forward(sub.graph(), sub.nodes(), dense, true,
                            new SplittableRandom(8), null), 2, seeds, labels, null);
                    p.value()[i] = x - eps;
                    double down = NodeLoss.crossEntropy(model.forward(sub.graph(), sub.nodes(), dense, true,
                            new SplittableRandom(8), null), 2, seeds, labels, null);
                    p.value()[i] = x;
                    double numeric = (up - down) / (2 * eps);
                    assertEquals(numeric, grad[i], 1e-6 + 1e-4 * Math.abs(numeric), p.name() + "[" + i + "]");
                }
            }
        }
    }
}
