package dev.kiln.gnn.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.gnn.data.TrueTripleIndex;
import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.DistMult;
import dev.kiln.gnn.model.EmbeddingTable;
import org.junit.jupiter.api.Test;

/**
 * Filtered ranks on a hand-made graph. DistMult with dim 1 and relation weight 1 scores (h, r, t)
 * as e_h * e_t, so ranks follow directly from the entity values chosen here.
 */
class LinkEvaluatorTest {
    // Entities 0..4 with values 1, 5, 4, 3, 2; relation 0 has weight 1.
    private final EmbeddingTable ent = new EmbeddingTable(5, 1, new float[] {1, 5, 4, 3, 2});
    private final EmbeddingTable rel = new EmbeddingTable(1, 1, new float[] {1});
    private final DistMult model = new DistMult(1, 0);

    @Test
    void rawRanksWithoutOtherTrueTriples() throws Exception {
        // Test triple (0, 0, 3): tails of head 0 score 1,5,4,3,2 -> entity 3 (score 3) is third.
        // Heads of tail 3 score 3,15,12,9,6 -> entity 0 is last: rank 5.
        Triples test = new Triples(new int[] {0}, new int[] {0}, new int[] {3});
        RankMetrics m = new LinkEvaluator(model, TrueTripleIndex.of(1, test), 2).evaluate(ent, rel, test, 0);
        assertEquals(2, m.queries());
        assertEquals((1.0 / 3 + 1.0 / 5) / 2, m.mrr(), 1e-12);
        assertEquals(4.0, m.meanRank(), 1e-12);
        assertEquals(0.0, m.hits1(), 1e-12);
        assertEquals(0.5, m.hits3(), 1e-12);
        assertEquals(1.0, m.hits10(), 1e-12);
    }

    @Test
    void otherTrueTriplesFromAnySplitAreFilteredOut() throws Exception {
        Triples test = new Triples(new int[] {0}, new int[] {0}, new int[] {3});
        // (0,0,1) in train and (0,0,2) in valid outrank the tail; (1,0,3) in train outranks the head.
        Triples train = new Triples(new int[] {0, 1}, new int[] {0, 0}, new int[] {1, 3});
        Triples valid = new Triples(new int[] {0}, new int[] {0}, new int[] {2});
        RankMetrics m = new LinkEvaluator(model, TrueTripleIndex.of(1, train, valid, test), 1).evaluate(ent, rel, test, 0);
        // Tail rank 3 - 2 filtered = 1; head rank 5 - 1 filtered = 4.
        assertEquals((1.0 + 1.0 / 4) / 2, m.mrr(), 1e-12);
        assertEquals(2.5, m.meanRank(), 1e-12);
        assertEquals(0.5, m.hits1(), 1e-12);
    }

    @Test
    void tiesCountHalfSoAConstantModelRanksLikeRandom() throws Exception {
        EmbeddingTable zeros = new EmbeddingTable(5, 1);
        Triples test = new Triples(new int[] {0}, new int[] {0}, new int[] {3});
        RankMetrics m = new LinkEvaluator(model, TrueTripleIndex.of(1, test), 1).evaluate(zeros, rel, test, 0);
        assertEquals(3.0, m.meanRank(), 1e-12, "1 + 4 tied / 2");
    }

    @Test
    void limitRanksOnlyTheFirstTriples() throws Exception {
        Triples test = new Triples(new int[] {0, 1}, new int[] {0, 0}, new int[] {3, 2});
        RankMetrics m = new LinkEvaluator(model, TrueTripleIndex.of(1, test), 2).evaluate(ent, rel, test, 1);
        assertEquals(2, m.queries());
    }

    @Test
    void metricsOfRanksCountFractionalRanksAsTheEvaluatorDoes() {
        // The GPU evaluator's path: ranks in, metrics out; only the first n count, and a half rank (a tie) of 2.5
        // is a miss at 1 and a hit at 3.
        RankMetrics m = RankMetrics.ofRanks(new double[] {1, 2.5, 4, 20, 99}, 4);
        assertEquals(4, m.queries());
        assertEquals((1 + 1 / 2.5 + 1 / 4.0 + 1 / 20.0) / 4, m.mrr(), 1e-12);
        assertEquals((1 + 2.5 + 4 + 20) / 4, m.meanRank(), 1e-12);
        assertEquals(0.25, m.hits1(), 1e-12);
        assertEquals(0.5, m.hits3(), 1e-12);
        assertEquals(0.75, m.hits10(), 1e-12);
    }
}
