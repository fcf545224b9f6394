package dev.kiln.gnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The block path (scoreBlock, scoreBlockGradient: matrix products for DistMult and L2 TransE, vector distances
 * for RotatE and L1 TransE) gives the per-pair path's scores and gradients, with block sizes that are not multiples of the
 * kernels' unrolling.
 */
class BlockScoringTest {
    static List<KgeModel> models() {
        // RotatE at 3 complex dimensions and L1 TransE at 7 run the per-pair loops; RotatE at 16, 37 and 100 and L1
        // TransE at 16 and 200 the vector kernels (one whole vector; vectors plus an overlapping partial one) where
        // Kernels.VECTOR holds, as under surefire.
        return List.of(new TransE(7, false, 4), new TransE(7, true, 4), new DistMult(7, 4), new RotatE(3, 4),
                new DistMult(200, 12), new TransE(200, false, 12), new RotatE(16, 4), new RotatE(37, 4),
                new RotatE(100, 9), new TransE(16, true, 4), new TransE(200, true, 12));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void blockMatchesPairs(KgeModel model) {
        int d = model.entityDim(), m = 6, k = 9;
        SplittableRandom rnd = new SplittableRandom(11);
        EmbeddingTable ent = new EmbeddingTable(20, d).initUniform(1.0, 3);
        float[][] q = new float[m][d];
        for (float[] row : q) {
            for (int l = 0; l < d; l++) {
                row[l] = (float) (rnd.nextDouble() * 2 - 1);
            }
        }
        int[] ids = rnd.ints(k, 0, ent.rows()).toArray();
        float[][] g = new float[m][k];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                g[i][j] = (i + j) % 5 == 0 ? 0f : (float) (rnd.nextDouble() - 0.5);
            }
        }
        CandidateBlock block = new CandidateBlock(d, k + 3).gather(ent.data(), ids, k);
        float[][] scores = new float[m][k];
        float[][] dq = new float[m][d];
        float[][] dCand = new float[k][d];
        model.scoreBlock(q, m, block, scores);
        model.scoreBlockGradient(q, m, block, scores, g, dq, dCand);

        float[] dOne = new float[d];
        float[] dCandPairs = new float[k * d];
        for (int i = 0; i < m; i++) {
            java.util.Arrays.fill(dOne, 0f);
            for (int j = 0; j < k; j++) {
                float expected = model.score(q[i], ent.data(), ent.offset(ids[j]));
                assertEquals(expected, scores[i][j], 1e-4 * Math.max(1, Math.abs(expected)), model + " score " + i + "," + j);
                model.scoreGradient(q[i], ent.data(), ent.offset(ids[j]), g[i][j], dOne, dCandPairs, j * d);
            }
            for (int l = 0; l < d; l++) {
                assertEquals(dOne[l], dq[i][l], 1e-4, model + " dq " + i + "," + l);
            }
        }
        for (int j = 0; j < k; j++) {
            for (int l = 0; l < d; l++) {
                assertEquals(dCandPairs[j * d + l], dCand[j][l], 1e-4, model + " dCand " + j + "," + l);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void blockOfTheWholeTableHoldsEveryRow(KgeModel model) {
        EmbeddingTable ent = new EmbeddingTable(5, model.entityDim()).initUniform(1.0, 4);
        CandidateBlock all = CandidateBlock.of(ent);
        assertEquals(5, all.size());
        for (int j = 0; j < 5; j++) {
            for (int l = 0; l < model.entityDim(); l++) {
                assertEquals(ent.data()[ent.offset(j) + l], all.rows()[j][l]);
                assertEquals(ent.data()[ent.offset(j) + l], all.cols()[l][j]);
            }
        }
    }
}
