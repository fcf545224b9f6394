package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.train.SparseOptimizer;
import dev.kiln.gnn.train.StateArrays;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lr-decay-patience} and {@code lr-decay-factor} on Nations. A learning rate of 1e-12 moves no float, so the
 * validation MRR never improves after epoch 1 and the plateau is known epoch by epoch.
 */
class KgeLearningRateDecayTest {
    private static final int DIM = 16;

    @TempDir
    Path tmp;

    private FakeContext context(String root, Map<String, String> hps) {
        FakeContext ctx = new FakeContext(tmp.resolve(root), hps, FakeContext.kgChannels(KgData.dataset("nations")));
        ctx.cpus = 1;
        return ctx;
    }

    private static Map<String, String> hps(String lr, int epochs, String... more) {
        Map<String, String> hp = new HashMap<>(Map.of("num-hidden", Integer.toString(DIM), "num-epochs",
                Integer.toString(epochs), "batch-size", "100000", "num-negs", "8", "optimizer", "adam", "lr", lr,
                "early-stopping-window", "0"));
        for (int i = 0; i < more.length; i += 2) {
            hp.put(more[i], more[i + 1]);
        }
        return hp;
    }

    @Test
    void plateauDecaysTheRateEveryPatienceEpochsUntilEarlyStoppingEndsTheJob() throws Exception {
        // Best at epoch 1; patience 2 decays after epochs 3 and 5; the window of 5 ends the job after epoch 6.
        FakeContext ctx = context("a", hps("1e-12", 50, "lr-decay-patience", "2", "lr-decay-factor", "0.5",
                "early-stopping-window", "5"));
        new DistMultAlgorithm().train(ctx);
        assertEquals(6, ctx.metrics.stream().filter(m -> m.name().equals("train:loss")).count());
        String log = ctx.logText();
        assertTrue(log.contains("validation MRR has not improved for 2 epochs (best "), log);
        assertTrue(log.contains("at epoch 1); lr now 5e-13"), log);
        assertTrue(log.contains("at epoch 1); lr now 2.5e-13"), log);
        assertEquals(2, log.split("lr now", -1).length - 1, log);
        assertTrue(log.contains("has not improved for 5 epochs (best"), log);
        ObjectMapper json = new ObjectMapper();
        JsonNode model = json.readTree(ctx.modelDir().resolve("model.json").toFile());
        assertEquals(0.25, model.get("lrDecayedBy").asDouble(), 1e-15);
        JsonNode hp = json.readTree(ctx.modelDir().resolve("hyperparameters.json").toFile());
        assertEquals("2", hp.get("lr-decay-patience").asText());
        assertEquals("0.5", hp.get("lr-decay-factor").asText());
    }

    @Test
    void aResumedJobTrainsAtTheDecayedRate() throws Exception {
        // Both jobs run three epochs that move nothing. Job a decays twice (x0.01) and resumes at lr 1e-3, job b
        // does not decay and resumes at 1e-5: epoch 4 must train the same tables in both.
        new DistMultAlgorithm().train(context("a", hps("1e-12", 3, "lr-decay-patience", "1")));
        new DistMultAlgorithm().train(context("b", hps("1e-12", 3)));
        assertEquals(0.01, load("a").progress.lrScale(), 1e-15);
        assertEquals(1, load("b").progress.lrScale());
        float[] before = load("a").ent.data();

        FakeContext a = context("a", hps("1e-3", 4, "lr-decay-patience", "1"));
        new DistMultAlgorithm().train(a);
        assertTrue(a.logText().contains("resuming after epoch 3"), a.logText());
        new DistMultAlgorithm().train(context("b", hps("1e-5", 4)));
        Saved sa = load("a"), sb = load("b");
        assertArrayEquals(sb.ent.data(), sa.ent.data());
        assertArrayEquals(sb.rel.data(), sa.rel.data());
        double moved = 0;
        for (int i = 0; i < before.length; i++) {
            moved = Math.max(moved, Math.abs(sa.ent.data()[i] - before[i]));
        }
        // Adam moves a coordinate by about lr per step: 1e-5 here, where the undecayed 1e-3 would move it 100x more.
        assertTrue(moved > 0 && moved < 1e-4, "largest move " + moved);
    }

    @Test
    void aCheckpointFromBeforeTheDecayResumesUndecayed() throws Exception {
        // The first checkpoint format (KILNKGE1) has no decay state: it must still resume, at the full rate.
        FakeContext first = context("v1", hps("1e-12", 2, "lr-decay-patience", "1"));
        new DistMultAlgorithm().train(first);
        Saved s = load("v1");
        Path file = first.checkpointDir().resolve(KgeCheckpoint.FILE);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.writeUTF("KILNKGE1");
            out.writeUTF("distmult");
            for (int x : new int[] {s.ent.rows(), s.ent.dim(), s.rel.rows(), s.rel.dim(), 2}) {
                out.writeInt(x);
            }
            out.writeDouble(s.progress.bestMrr());
            out.writeInt(s.progress.bestEpoch());
            out.writeInt(1);
            out.writeBoolean(false);
            StateArrays.write(out, s.ent.data());
            StateArrays.write(out, s.rel.data());
            s.entOpt.save(out);
            s.relOpt.save(out);
            out.writeBoolean(false);
        }
        Saved v1 = load("v1");
        assertEquals(1, v1.progress.lrScale());
        assertEquals(0, v1.progress.lastDecayEpoch());
        assertEquals(2, v1.progress.epochsDone());
        FakeContext resumed = context("v1", hps("1e-12", 3, "lr-decay-patience", "1"));
        new DistMultAlgorithm().train(resumed);
        assertTrue(resumed.logText().contains("resuming after epoch 2"), resumed.logText());
        assertTrue(resumed.logText().contains("lr now 1e-13"), "decays from the full rate: " + resumed.logText());
    }

    @Test
    void withoutAValidationChannelThePatienceIsSaidToHaveNoEffect() throws Exception {
        Path nations = KgData.dataset("nations");
        FakeContext ctx = new FakeContext(tmp.resolve("t"), hps("1e-12", 2, "lr-decay-patience", "1"),
                Map.of("train", nations.resolve("train.txt")));
        new DistMultAlgorithm().train(ctx);
        assertTrue(ctx.logText().contains("distmult: lr-decay-patience has no effect without a validation channel"),
                ctx.logText());
        assertFalse(ctx.logText().contains("lr now"), ctx.logText());
    }

    @Test
    void badValuesAreRejectedByName() {
        assertEquals(0, KgeHyperParameters.parse("transe", Map.of()).lrDecayPatience());
        assertEquals(0.1, KgeHyperParameters.parse("transe", Map.of()).lrDecayFactor());
        for (String[] bad : new String[][] {
                {"lr-decay-factor", "1", "hyperparameter lr-decay-factor must be < 1, got 1"},
                {"lr-decay-factor", "0", "hyperparameter lr-decay-factor must be > 0.0, got 0"},
                {"lr-decay-patience", "-1", "hyperparameter lr-decay-patience must be at least 0, got -1"},
                {"lr-decay-patience", "two", "hyperparameter lr-decay-patience must be an integer, got two"}}) {
            Exception e = assertThrows(IllegalArgumentException.class,
                    () -> KgeHyperParameters.parse("rotate", Map.of(bad[0], bad[1])));
            assertEquals(bad[2], e.getMessage());
        }
    }

    @Test
    void theLoggedRateIsShort() {
        assertEquals("2e-05", KgeAlgorithm.shortNumber(2e-5));
        assertEquals("2.5e-13", KgeAlgorithm.shortNumber(2.5e-13));
        assertEquals("0.005", KgeAlgorithm.shortNumber(0.1 * 0.05));
        assertEquals("0.01235", KgeAlgorithm.shortNumber(0.0123456));
        assertEquals("10", KgeAlgorithm.shortNumber(10));
        assertEquals("1000", KgeAlgorithm.shortNumber(1000));
    }

    /** The tables, optimisers and progress of the checkpoint under {@code root}. */
    private record Saved(KgeCheckpoint.Progress progress, EmbeddingTable ent, EmbeddingTable rel, SparseOptimizer entOpt,
                         SparseOptimizer relOpt) {}

    private Saved load(String root) throws Exception {
        EmbeddingTable ent = new EmbeddingTable(14, DIM), rel = new EmbeddingTable(55, DIM);
        SparseOptimizer entOpt = SparseOptimizer.create("adam", ent, 1), relOpt = SparseOptimizer.create("adam", rel, 1);
        KgeCheckpoint.Progress p = KgeCheckpoint.load(tmp.resolve(root).resolve("checkpoints"), "distmult", ent, rel,
                entOpt, relOpt, new EmbeddingTable[2]);
        return new Saved(p, ent, rel, entOpt, relOpt);
    }
}
