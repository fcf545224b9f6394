package dev.kiln.gnn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kiln.gnn.data.TrueTripleIndex;
import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.eval.LinkEvaluator;
import dev.kiln.gnn.eval.RankMetrics;
import dev.kiln.gnn.model.DistMult;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.gnn.model.RotatE;
import dev.kiln.gnn.model.TransE;
import java.util.SplittableRandom;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GPU ranking against the CPU's LinkEvaluator on the same tables: the same metrics, ties included. Needs a GPU. */
@EnabledIf("dev.kiln.gnn.cuda.CudaKgeTrainerTest#gpu")
class CudaLinkEvaluatorTest {
    private static final int ENTITIES = 500;
    private static final int RELATIONS = 5;

    @ParameterizedTest
    @ValueSource(strings = {"distmult", "transe-l2", "transe-l1", "rotate"})
    void ranksAsTheCpuEvaluatorDoes(String name) throws Exception {
        KgeModel model = switch (name) {
            case "distmult" -> new DistMult(32, 6.0);
            case "transe-l2" -> new TransE(40, false, 6.0);
            case "transe-l1" -> new TransE(33, true, 6.0);
            default -> new RotatE(20, 6.0);
        };
        EmbeddingTable ent = new EmbeddingTable(ENTITIES, model.entityDim());
        EmbeddingTable rel = new EmbeddingTable(RELATIONS, model.relationDim());
        model.initialise(ent, rel, 3);
        Triples train = triples(4_000, 1), test = triples(300, 2);
        TrueTripleIndex known = TrueTripleIndex.of(RELATIONS, train, test);
        RankMetrics cpu = new LinkEvaluator(model, known, 2).evaluate(ent, rel, test, 0);
        try (CudaDevice device = CudaDevice.open(0);
             CudaLinkEvaluator gpu = new CudaLinkEvaluator(device, model, known)) {
            assertSame(cpu, gpu.evaluate(ent, rel, test, 0), 1e-4);
            // The first 100 triples only (validation-max-triples), then all of them again.
            assertSame(new LinkEvaluator(model, known, 2).evaluate(ent, rel, test, 100), gpu.evaluate(ent, rel, test, 100),
                    1e-4);
            assertSame(cpu, gpu.evaluate(ent, rel, test, 0), 1e-4);
            // All-zero entities: every candidate ties with the truth, so each rank is 1 + (unfiltered others) / 2.
            EmbeddingTable zero = new EmbeddingTable(ENTITIES, model.entityDim());
            assertSame(new LinkEvaluator(model, known, 2).evaluate(zero, rel, test, 0), gpu.evaluate(zero, rel, test, 0),
                    1e-12);
        }
    }

    private static void assertSame(RankMetrics want, RankMetrics got, double tolerance) {
        assertEquals(want.queries(), got.queries());
        assertEquals(want.mrr(), got.mrr(), tolerance, "mrr");
        assertEquals(want.meanRank(), got.meanRank(), tolerance * ENTITIES, "mean rank");
        assertEquals(want.hits1(), got.hits1(), tolerance * 10, "hits@1");
        assertEquals(want.hits10(), got.hits10(), tolerance * 10, "hits@10");
    }

    /** Triples with a planted rule, so ranks spread out and the filter has several answers per query. */
    private static Triples triples(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] h = new int[n], r = new int[n], t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = rnd.nextInt(ENTITIES / 5);
            r[i] = rnd.nextInt(RELATIONS);
            t[i] = (h[i] * 7 + r[i] + rnd.nextInt(3)) % ENTITIES;
        }
        return new Triples(h, r, t);
    }
}
