package dev.kiln.gnn.rgcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Sampled blocks respect the fanout, keep seeds first, nest layer by layer, and use only real edges. */
class NeighbourSamplerTest {

    @Test
    void respectsTheFanoutAndSamplesOnlyRealEdges() {
        RelGraph full = RandomTriples.graph(200, 3, 2000, 1);
        Set<Long> real = new HashSet<>();
        for (int i = 0; i < full.numNodes; i++) {
            for (int p = full.dstPtr[i]; p < full.dstPtr[i + 1]; p++) {
                real.add(((long) full.inSrc[p] * 1000 + i) * 10 + full.inRel[p]);
            }
        }
        int[] seeds = {5, 17, 42};
        Blocks sub = new NeighbourSampler(full, new int[] {4, 2}).sample(seeds, new SplittableRandom(2));
        assertArrayEquals(seeds, java.util.Arrays.copyOf(sub.nodes(), 3));
        assertEquals(3, sub.numSeeds(), "the last block computes the seeds only");
        assertEquals(3, lastWithInEdges(sub.graph(1)) + 1, "in the last block only the seeds have in-edges");
        assertEquals(sub.numDst(0), sub.graph(1).numNodes, "block 1's sources are block 0's destinations");
        assertTrue(sub.numDst(0) < sub.numInputs(), "two-hop nodes are only read, never computed");
        RelGraph g = sub.graph(0);
        assertEquals(sub.nodes().length, g.numNodes);
        assertEquals(sub.graph(1).numEdges(), g.dstPtr[3], "the last block keeps exactly the seeds' sampled edges");
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
        RelGraph full = RandomTriples.graph(50, 2, 1500, 6);
        int seed = 7;
        java.util.BitSet excluded = new java.util.BitSet(full.numEdges());
        int lo = full.dstPtr[seed], deg = full.dstPtr[seed + 1] - lo;
        for (int p = lo; p < lo + deg - 3; p++) {
            excluded.set(p); // leave exactly three in-edges of the seed
        }
        for (int trial = 0; trial < 20; trial++) {
            Blocks sub = new NeighbourSampler(full, new int[] {5}).sample(new int[] {seed},
                    new SplittableRandom(trial), excluded);
            RelGraph g = sub.graph(0);
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

    private static int lastWithInEdges(RelGraph g) {
        int last = -1;
        for (int i = 0; i < g.numNodes; i++) {
            if (g.dstPtr[i + 1] > g.dstPtr[i]) {
                last = i;
            }
        }
        return last;
    }
}
