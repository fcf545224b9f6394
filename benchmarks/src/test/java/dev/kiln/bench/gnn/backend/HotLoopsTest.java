package dev.kiln.bench.gnn.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each native backend computes what engine-gnn's plain Java computes, on a small workload: scores, RGCN
 * messages, Adagrad rows after a scatter and after training steps. One thread everywhere, so the Java
 * training batches run one after the other as the native ones do.
 */
class HotLoopsTest {
    // 3 chunks per batch, the last one partial; scatter rows drawn from 300 so some repeat
    private static final KgeWorkload KGE = KgeWorkload.random(300, 12, 16, 8, 8, 60, 20, 2, 5);
    private static final GraphWorkload GRAPH = GraphWorkload.random(40, 6, 300, 4, 3, 6);

    @ParameterizedTest
    @ValueSource(strings = {"nd4j", "djl"})
    void scoresMatchPlainJava(String backend) {
        try (HotLoops plain = HotLoops.of("java", KGE, GRAPH, 1); HotLoops other = HotLoops.of(backend, KGE, GRAPH, 1)) {
            assertClose(plain.floats(plain.scoreDistMult()), other.floats(other.scoreDistMult()), 1e-5f);
            assertClose(plain.floats(plain.scoreTransE()), other.floats(other.scoreTransE()), 1e-5f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nd4j", "djl"})
    void rgcnMessagesMatchPlainJava(String backend) {
        try (HotLoops plain = HotLoops.of("java", KGE, GRAPH, 1); HotLoops other = HotLoops.of(backend, KGE, GRAPH, 1)) {
            float[] expected = plain.floats(plain.rgcnMessagePassing());
            assertEquals(GRAPH.numNodes() * GRAPH.hidden(), expected.length);
            assertClose(expected, other.floats(other.rgcnMessagePassing()), 1e-5f);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nd4j", "djl"})
    void adagradScatterSumsRepeatedRowsLikePlainJava(String backend) {
        assertTrue(RowIndex.of(KGE.entities(), KGE.scatterRows()).size() < KGE.scatterRows().length,
                "the workload should repeat some rows");
        try (HotLoops plain = HotLoops.of("java", KGE, GRAPH, 1); HotLoops other = HotLoops.of(backend, KGE, GRAPH, 1)) {
            plain.adagradScatter();
            other.adagradScatter();
            plain.adagradScatter();
            other.adagradScatter();
            for (int row = 0; row < KGE.entities(); row++) {
                assertClose(plain.entityRow(row), other.entityRow(row), 1e-6f);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nd4j", "djl"})
    void trainingStepsMatchPlainJava(String backend) {
        try (HotLoops plain = HotLoops.of("java", KGE, GRAPH, 1); HotLoops other = HotLoops.of(backend, KGE, GRAPH, 1)) {
            float[] before = plain.entityRow(KGE.heads()[0][0]);
            for (int step = 0; step < 3; step++) {
                double expected = plain.trainSteps(step * 2, 2);
                assertEquals(expected, other.trainSteps(step * 2, 2), 1e-4 * Math.abs(expected), "loss at step " + step);
            }
            float[] after = plain.entityRow(KGE.heads()[0][0]);
            assertTrue(!Arrays.equals(before, after), "training should move a trained row");
            for (int row = 0; row < KGE.entities(); row++) {
                assertClose(plain.entityRow(row), other.entityRow(row), 1e-5f);
            }
        }
    }

    private static void assertClose(float[] expected, float[] actual, float tol) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            float scale = Math.max(1f, Math.abs(expected[i]));
            if (Math.abs(expected[i] - actual[i]) > tol * scale) {
                assertArrayEquals(expected, actual, tol * scale, "first difference at " + i);
            }
        }
    }
}
