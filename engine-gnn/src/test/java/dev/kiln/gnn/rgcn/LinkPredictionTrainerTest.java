package dev.kiln.gnn.rgcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.data.Triples;
import java.util.BitSet;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Mini-batch link prediction: batches leave their own triples out, map seeds exactly, and train deterministically. */
class LinkPredictionTrainerTest {

    @Test
    void aBatchNeverSeesItsOwnTriplesAndItsSeedsMapToTheRightEntities() {
        int nodes = 40, relations = 3;
        Triples train = RandomTriples.of(nodes, relations, 600, 2);
        RelGraph g = RelGraph.of(train, nodes, relations);
        LinkBatchSampler batches = new LinkBatchSampler(g, train, new NeighbourSampler(g, new int[] {50, 50}));
        int[] batch = {0, 5, 9, 100, 321};
        BitSet excluded = batches.edgesOf(batch);
        assertTrue(excluded.cardinality() >= 2 * batch.length, "both directions of every batch triple");
        for (int p = excluded.nextSetBit(0); p >= 0; p = excluded.nextSetBit(p + 1)) {
            assertTrue(isBatchEdge(g, train, batch, p, relations), "edge " + p + " is not one of the batch's");
        }
        LinkBatchSampler.Batch b = batches.draw(batch, LinkNegatives.perPositive(4), new SplittableRandom(3));
        int[] global = b.blocks().nodes();
        RelGraph sub = b.blocks().graph(0); // every sampled edge
        for (int k = 0; k < batch.length; k++) {
            assertEquals(train.heads()[batch[k]], global[b.batch().heads()[k]]);
            assertEquals(train.tails()[batch[k]], global[b.batch().tails()[k]]);
            assertEquals(train.relations()[batch[k]], b.batch().relations()[k]);
        }
        // fanout 50 exceeds every in-degree here, so every edge into a seed except the batch's is sampled
        int seedEdges = 0;
        for (int i = 0; i < sub.numNodes; i++) {
            for (int p = sub.dstPtr[i]; p < sub.dstPtr[i + 1]; p++) {
                int s = global[sub.inSrc[p]], d = global[i], r = sub.inRel[p];
                for (int k : batch) {
                    int h = train.heads()[k], rr = train.relations()[k], t = train.tails()[k];
                    assertFalse(s == h && d == t && r == rr, "batch triple " + k + " used for message passing");
                    assertFalse(s == t && d == h && r == rr + relations, "inverse of batch triple " + k + " used");
                }
            }
        }
        for (int h : b.batch().heads()) {
            seedEdges += sub.dstPtr[h + 1] - sub.dstPtr[h];
        }
        assertTrue(seedEdges > 0);
    }

    private static boolean isBatchEdge(RelGraph g, Triples train, int[] batch, int p, int relations) {
        int d = -1;
        for (int i = 0; i < g.numNodes && d < 0; i++) {
            if (p >= g.dstPtr[i] && p < g.dstPtr[i + 1]) {
                d = i;
            }
        }
        for (int k : batch) {
            int h = train.heads()[k], r = train.relations()[k], t = train.tails()[k];
            if ((g.inSrc[p] == h && d == t && g.inRel[p] == r) || (g.inSrc[p] == t && d == h && g.inRel[p] == r + relations)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void sampledTrainingIsDeterministicForASeedAndLowersTheLoss() {
        int nodes = 60, relations = 3;
        Triples train = RandomTriples.of(nodes, relations, 500, 4);
        double[][] runs = new double[2][];
        double[][] losses = new double[2][];
        for (int run = 0; run < 2; run++) {
            RelGraph g = RelGraph.of(train, nodes, relations);
            RgcnModel encoder = new RgcnModel(new RgcnModel.Config(nodes, g.numRelations(), 8, 8, 2, 3, true, false,
                    0.1), 11);
            try (LinkPredictionTrainer lp = new LinkPredictionTrainer(encoder, relations, g, 1, 5)) {
                NeighbourSampler sampler = new NeighbourSampler(g, new int[] {4, 3});
                losses[run] = new double[4];
                for (int epoch = 1; epoch <= 4; epoch++) {
                    losses[run][epoch - 1] = lp.epoch(train, epoch, 64, LinkNegatives.perPositive(3), sampler, 0.02, 0,
                            () -> false);
                }
                float[] e = lp.entityEmbeddings().data();
                runs[run] = new double[e.length];
                for (int i = 0; i < e.length; i++) {
                    runs[run][i] = e[i];
                }
            }
        }
        assertArrayEquals(losses[0], losses[1], "same seed, one thread: the same losses");
        assertArrayEquals(runs[0], runs[1], "and the same embeddings");
        assertTrue(losses[0][3] < losses[0][0], "loss falls: " + java.util.Arrays.toString(losses[0]));
    }
}
