package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.gnn.model.EmbeddingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job behaviour of the KGE algorithms on Nations: artifacts, metrics, checkpoints, resume, stop. */
class KgeAlgorithmTest {
    private static final Map<String, String> HPS = Map.of("num-hidden", "16", "num-epochs", "3", "batch-size", "128",
            "num-negs", "8", "early-stopping-window", "0");

    @TempDir
    Path tmp;

    private FakeContext context(Map<String, String> hps) {
        return new FakeContext(tmp, hps, FakeContext.kgChannels(KgData.dataset("nations")));
    }

    @Test
    void writesDocumentedArtifactsAndDeclaredMetrics() throws Exception {
        FakeContext ctx = context(HPS);
        DistMultAlgorithm alg = new DistMultAlgorithm();
        alg.train(ctx);
        for (FakeContext.Metric m : ctx.metrics) {
            assertTrue(alg.metricNames().contains(m.name()), "undeclared metric " + m.name());
        }
        assertEquals(3, ctx.metrics.stream().filter(m -> m.name().equals("validation:mrr")).count());
        assertTrue(ctx.metrics.stream().anyMatch(m -> m.name().equals("test:hits@10") && m.epoch() == null));
        EmbeddingTable ent = EmbeddingFiles.read(ctx.modelDir().resolve("entity_embeddings.bin"));
        EmbeddingTable rel = EmbeddingFiles.read(ctx.modelDir().resolve("relation_embeddings.bin"));
        assertEquals(14, ent.rows());
        assertEquals(16, ent.dim());
        assertEquals(55, rel.rows());
        List<String> names = EmbeddingFiles.readNames(ctx.modelDir().resolve("entities.tsv"));
        assertEquals(14, names.size());
        assertTrue(names.contains("usa"), names.toString());
        JsonNode model = new ObjectMapper().readTree(ctx.modelDir().resolve("model.json").toFile());
        assertEquals("distmult", model.get("model").asText());
        assertEquals(3, model.get("epochsTrained").asInt());
        assertEquals(ctx.last("test:mrr"), model.get("test").get("mrr").asDouble(), 1e-12);
        JsonNode hp = new ObjectMapper().readTree(ctx.modelDir().resolve("hyperparameters.json").toFile());
        assertEquals("16", hp.get("num-hidden").asText());
        assertEquals("adagrad", hp.get("optimizer").asText(), "defaults are written too");
    }

    @Test
    void restartedJobResumesFromTheLastCheckpoint() throws Exception {
        Map<String, String> two = new java.util.HashMap<>(HPS);
        two.put("num-epochs", "2");
        new TransEAlgorithm().train(context(two));
        assertTrue(Files.exists(tmp.resolve("checkpoints").resolve(KgeCheckpoint.FILE)));

        FakeContext resumed = context(Map.of("num-hidden", "16", "num-epochs", "4", "batch-size", "128", "num-negs", "8",
                "early-stopping-window", "0"));
        new TransEAlgorithm().train(resumed);
        assertTrue(resumed.logText().contains("resuming after epoch 2"), resumed.logText());
        List<Integer> epochs = resumed.metrics.stream().filter(m -> m.name().equals("train:loss")).map(FakeContext.Metric::epoch).toList();
        assertEquals(List.of(3, 4), epochs, "only the remaining epochs run");
    }

    @Test
    void checkpointOfAnotherShapeIsRefused() throws Exception {
        new DistMultAlgorithm().train(context(HPS));
        Map<String, String> wider = new java.util.HashMap<>(HPS);
        wider.put("num-hidden", "32");
        Exception e = assertThrows(java.io.IOException.class, () -> new DistMultAlgorithm().train(context(wider)));
        assertTrue(e.getMessage().contains("checkpoint is for distmult 14x16"), e.getMessage());
    }

    @Test
    void stopSignalEndsTrainingAndSavesTheModel() throws Exception {
        FakeContext ctx = context(Map.of("num-hidden", "16", "num-epochs", "1000", "batch-size", "64", "num-negs", "8"));
        ctx.stopAfterMetrics = 3; // after epoch 1's loss, throughput and first validation metric
        new RotatEAlgorithm().train(ctx);
        long epochs = ctx.metrics.stream().filter(m -> m.name().equals("train:loss")).count();
        assertTrue(epochs <= 2, "stopped after " + epochs + " epochs");
        assertFalse(ctx.metrics.stream().anyMatch(m -> m.name().startsWith("test:")), "no test pass after a stop");
        assertTrue(Files.exists(ctx.modelDir().resolve("entity_embeddings.bin")));
    }

    @Test
    void bestValidationModelIsSavedAndEarlyStoppingEndsTheRun() throws Exception {
        // lr 0 never improves after epoch 1, so a window of 2 stops after epoch 3.
        FakeContext ctx = context(Map.of("num-hidden", "8", "num-epochs", "50", "lr", "1e-12", "early-stopping-window", "2",
                "num-negs", "4"));
        new DistMultAlgorithm().train(ctx);
        long epochs = ctx.metrics.stream().filter(m -> m.name().equals("train:loss")).count();
        assertTrue(epochs < 50, "ran " + epochs + " epochs");
        assertTrue(ctx.logText().contains("stopping early"), ctx.logText());
    }

    @Test
    void rotateRelationsStepAsDglKeParametrisesThem() throws Exception {
        // One batch of Adam: its first step moves every coordinate with a gradient by lr (m/sqrt(v) = sign(g)). DGL-KE
        // optimises a relation as r with phase = r * pi / e, e = (gamma + 2) / dim, so its phases move by lr * pi / e.
        double lr = 1e-3, gamma = 6;
        int dim = 16;
        FakeContext ctx = context(Map.of("num-hidden", Integer.toString(dim), "gamma", "6", "optimizer", "adam",
                "lr", Double.toString(lr), "num-epochs", "1", "batch-size", "100000", "num-negs", "8",
                "early-stopping-window", "0"));
        ctx.cpus = 1; // one thread, so the whole of train is one batch
        new RotatEAlgorithm().train(ctx);
        EmbeddingTable ent = EmbeddingFiles.read(ctx.modelDir().resolve("entity_embeddings.bin"));
        EmbeddingTable rel = EmbeddingFiles.read(ctx.modelDir().resolve("relation_embeddings.bin"));
        EmbeddingTable ent0 = new EmbeddingTable(ent.rows(), ent.dim()), rel0 = new EmbeddingTable(rel.rows(), rel.dim());
        new dev.kiln.gnn.model.RotatE(dim, gamma).initialise(ent0, rel0, 0);
        assertSteps(ent0.data(), ent.data(), lr);
        assertSteps(rel0.data(), rel.data(), lr * Math.PI / ((gamma + 2) / dim));
    }

    /**
     * No coordinate moved more than {@code step} (Adam's first step), and most that moved moved by it: a gradient
     * within a few eps (1e-8) of zero takes a shorter step (Nations' rarer relations have such coordinates).
     */
    private static void assertSteps(float[] before, float[] after, double step) {
        int moved = 0, full = 0;
        for (int i = 0; i < before.length; i++) {
            double d = Math.abs(after[i] - before[i]);
            assertTrue(d <= step * 1.001 + 1e-7, "coordinate " + i + " moved " + d + ", more than " + step);
            moved += d > 0 ? 1 : 0;
            full += Math.abs(d - step) <= step * 0.01 ? 1 : 0;
        }
        assertTrue(moved > before.length / 2, moved + " of " + before.length + " moved");
        assertTrue(full >= moved * 0.8, full + " of " + moved + " moved by " + step);
    }

    @Test
    void unknownHyperparameterIsRejected() {
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> new DistMultAlgorithm().train(context(Map.of("num_hidden", "8"))));
        assertTrue(e.getMessage().contains("unknown hyperparameters [num_hidden]"), e.getMessage());
    }

    @Test
    void adversarialTemperatureBelongsToTheLogisticLoss() {
        assertEquals(1.0, KgeHyperParameters.parse("rotate", Map.of()).adversarialTemperature());
        assertEquals(0.0, KgeHyperParameters.parse("rotate", Map.of("loss", "softmax")).adversarialTemperature());
        assertEquals(0.0, KgeHyperParameters.parse("rotate", Map.of("loss", "margin")).adversarialTemperature());
        assertEquals("softmax", KgeHyperParameters.parse("distmult", Map.of("loss", "softmax")).asMap().get("loss"));
        for (String loss : new String[] {"softmax", "margin"}) {
            Exception e = assertThrows(IllegalArgumentException.class, () -> KgeHyperParameters.parse("distmult",
                    Map.of("loss", loss, "adversarial-temperature", "0.5")));
            assertEquals("hyperparameter adversarial-temperature applies to loss=logistic only, got 0.5 with loss="
                    + loss, e.getMessage());
        }
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> KgeHyperParameters.parse("transe", Map.of("loss", "hinge")));
        assertTrue(e.getMessage().contains("hyperparameter loss must be one of [logistic, margin, softmax]"), e.getMessage());
    }

    @Test
    void theRotatECodesSamplingOptionsAreOffByDefaultAndEchoed() throws Exception {
        Map<String, String> defaults = KgeHyperParameters.parse("rotate", Map.of()).asMap();
        assertEquals("false", defaults.get("filter-negatives"));
        assertEquals("false", defaults.get("subsampling-weight"));
        Map<String, String> on = new java.util.HashMap<>(HPS);
        on.put("filter-negatives", "true");
        on.put("subsampling-weight", "true");
        FakeContext ctx = context(on);
        new RotatEAlgorithm().train(ctx);
        JsonNode hp = new ObjectMapper().readTree(ctx.modelDir().resolve("hyperparameters.json").toFile());
        assertEquals("true", hp.get("filter-negatives").asText());
        assertEquals("true", hp.get("subsampling-weight").asText());
        assertEquals(3, ctx.metrics.stream().filter(m -> m.name().equals("validation:mrr")).count());
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> KgeHyperParameters.parse("rotate", Map.of("filter-negatives", "yes")));
        assertEquals("hyperparameter filter-negatives must be true or false, got yes", e.getMessage());
    }

    @Test
    void embeddingFileRoundTrips() throws Exception {
        EmbeddingTable t = new EmbeddingTable(3, 2, new float[] {1, 2, 3, 4, 5, -6.5f});
        Path f = tmp.resolve("e.bin");
        EmbeddingFiles.write(f, t);
        assertEquals(16 + 24, Files.size(f));
        assertArrayEquals(t.data(), EmbeddingFiles.read(f).data());
    }
}
