package dev.kiln.gnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each model's analytic gradients against central finite differences, in both corruption directions. */
class ModelGradientTest {
    static List<KgeModel> models() {
        return List.of(new TransE(6, false, 4), new TransE(6, true, 4), new DistMult(6, 4), new RotatE(3, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void analyticGradientsMatchFiniteDifferences(KgeModel m) {
        for (boolean corruptTail : new boolean[] {true, false}) {
            EmbeddingTable ent = new EmbeddingTable(2, m.entityDim()).initUniform(1.0, 7);
            EmbeddingTable rel = new EmbeddingTable(1, m.relationDim()).initUniform(1.0, 8);
            float[] e = ent.data(), r = rel.data();
            int anchor = 0, cand = ent.offset(1);
            float[] q = new float[m.entityDim()];
            float[] dq = new float[m.entityDim()];
            float[] dEnt = new float[e.length];
            float[] dRel = new float[r.length];
            m.query(e, anchor, r, 0, corruptTail, q);
            m.scoreGradient(q, e, cand, 1f, dq, dEnt, cand);
            m.queryGradient(e, anchor, r, 0, corruptTail, q, dq, dEnt, anchor, dRel, 0);
            for (int i = 0; i < e.length; i++) {
                assertEquals(numeric(m, e, r, i, true, corruptTail), dEnt[i], 2e-3, m + " entity " + i + " tail=" + corruptTail);
            }
            for (int i = 0; i < r.length; i++) {
                assertEquals(numeric(m, e, r, i, false, corruptTail), dRel[i], 2e-3, m + " relation " + i + " tail=" + corruptTail);
            }
        }
    }

    private static double numeric(KgeModel m, float[] e, float[] r, int i, boolean entity, boolean corruptTail) {
        float[] x = entity ? e : r;
        float keep = x[i];
        float h = 1e-3f;
        x[i] = keep + h;
        double up = score(m, e, r, corruptTail);
        x[i] = keep - h;
        double down = score(m, e, r, corruptTail);
        x[i] = keep;
        return (up - down) / (2 * h);
    }

    private static double score(KgeModel m, float[] e, float[] r, boolean corruptTail) {
        float[] q = new float[m.entityDim()];
        m.query(e, 0, r, 0, corruptTail, q);
        return m.score(q, e, m.entityDim());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void headAndTailQueriesScoreTheSameTriple(KgeModel m) {
        // score(h, r, t) must not depend on which side is corrupted: the evaluator relies on it.
        EmbeddingTable ent = new EmbeddingTable(2, m.entityDim()).initUniform(1.0, new SplittableRandom(3).nextLong());
        EmbeddingTable rel = new EmbeddingTable(1, m.relationDim()).initUniform(1.0, 4);
        float[] q = new float[m.entityDim()];
        m.query(ent.data(), 0, rel.data(), 0, true, q);
        float tailSide = m.score(q, ent.data(), ent.offset(1));
        m.query(ent.data(), ent.offset(1), rel.data(), 0, false, q);
        float headSide = m.score(q, ent.data(), 0);
        assertEquals(tailSide, headSide, 1e-4);
    }
}
