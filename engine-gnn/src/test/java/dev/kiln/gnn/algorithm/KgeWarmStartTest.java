package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.runtime.output.Archives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental training of the KGE algorithms from a previous model in the {@code model} channel (Nations). */
class KgeWarmStartTest {
    private static final Map<String, String> HPS = Map.of("num-hidden", "16", "num-epochs", "3", "batch-size", "128",
            "num-negs", "8", "early-stopping-window", "0");

    @TempDir
    Path tmp;
    private Path previousModelDir;

    @BeforeEach
    void trainPreviousModel() throws Exception {
        FakeContext first = new FakeContext(tmp.resolve("first"), HPS, FakeContext.kgChannels(KgData.dataset("nations")));
        new DistMultAlgorithm().train(first);
        previousModelDir = first.modelDir();
    }

    private FakeContext job(String root, Map<String, String> hps, Path modelChannel) {
        Map<String, Path> channels = new HashMap<>(FakeContext.kgChannels(KgData.dataset("nations")));
        channels.put("model", modelChannel);
        return new FakeContext(tmp.resolve(root), hps, channels);
    }

    @Test
    void startsFromThePreviousModelTarGzAndKeepsItsRowsByName() throws Exception {
        // the SageMaker form: the channel is a folder holding the model.tar.gz the previous job wrote
        Path channel = tmp.resolve("channel");
        Archives.tarGz(previousModelDir, channel.resolve("model.tar.gz"));
        Map<String, String> hps = new HashMap<>(HPS);
        hps.put("num-epochs", "1");
        hps.put("lr", "1e-12"); // nothing moves, so the saved model is the warm start itself
        FakeContext ctx = job("second", hps, channel);
        new DistMultAlgorithm().train(ctx);
        assertTrue(ctx.logText().contains("14 of 14 entities and 55 of 55 relations reused"), ctx.logText());
        assertSameTables(previousModelDir, ctx.modelDir());
    }

    @Test
    void newEntitiesAndRelationsKeepTheirFreshInitialisationFromTheUnpackedFolder() throws Exception {
        Path nations = KgData.dataset("nations");
        Path train = tmp.resolve("grown/train.txt");
        Files.createDirectories(train.getParent());
        Files.writeString(train, Files.readString(nations.resolve("train.txt")) + "atlantis\tsank_near\tusa\n");
        Map<String, Path> channels = Map.of("train", train, "model", previousModelDir);
        FakeContext ctx = new FakeContext(tmp.resolve("grown-job"), Map.of("num-hidden", "16", "num-epochs", "1",
                "lr", "1e-12"), channels);
        new DistMultAlgorithm().train(ctx);
        assertTrue(ctx.logText().contains("14 of 15 entities and 55 of 56 relations reused"), ctx.logText());
        EmbeddingTable before = EmbeddingFiles.read(previousModelDir.resolve("entity_embeddings.bin"));
        EmbeddingTable after = EmbeddingFiles.read(ctx.modelDir().resolve("entity_embeddings.bin"));
        List<String> oldNames = EmbeddingFiles.readNames(previousModelDir.resolve("entities.tsv"));
        List<String> newNames = EmbeddingFiles.readNames(ctx.modelDir().resolve("entities.tsv"));
        int usa = newNames.indexOf("usa"), oldUsa = oldNames.indexOf("usa");
        for (int j = 0; j < 16; j++) {
            assertTrue(Math.abs(after.data()[after.offset(usa) + j] - before.data()[before.offset(oldUsa) + j]) < 1e-6);
        }
    }

    @Test
    void refusesAModelOfAnotherDimensionOrAlgorithmNamingBoth() throws Exception {
        Map<String, String> narrow = new HashMap<>(HPS);
        narrow.put("num-hidden", "8");
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> new DistMultAlgorithm().train(job("narrow", narrow, previousModelDir)));
        assertTrue(e.getMessage().contains("dimension 16/16") && e.getMessage().contains("8/8"), e.getMessage());
        Exception other = assertThrows(IllegalArgumentException.class,
                () -> new TransEAlgorithm().train(job("transe", HPS, previousModelDir)));
        assertTrue(other.getMessage().contains("distmult model") && other.getMessage().contains("transe job"),
                other.getMessage());
    }

    @Test
    void aCheckpointTakesPrecedenceOverTheModelChannel() throws Exception {
        Map<String, String> hps = new HashMap<>(HPS);
        hps.put("num-epochs", "1");
        new DistMultAlgorithm().train(job("resumed", hps, previousModelDir));
        hps.put("num-epochs", "2");
        FakeContext again = job("resumed", hps, previousModelDir);
        new DistMultAlgorithm().train(again);
        assertTrue(again.logText().contains("resuming after epoch 1")
                && again.logText().contains("checkpoint takes precedence"), again.logText());
        assertTrue(!again.logText().contains("reused"), again.logText());
    }

    @Test
    void aChannelWithoutAModelFailsClearly() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(empty.resolve("notes.txt"), "nothing here");
        Exception e = assertThrows(java.io.IOException.class, () -> new DistMultAlgorithm().train(job("x", HPS, empty)));
        assertTrue(e.getMessage().contains("neither a model.tar.gz nor a model folder"), e.getMessage());
    }

    private static void assertSameTables(Path a, Path b) throws Exception {
        for (String f : List.of("entity_embeddings.bin", "relation_embeddings.bin")) {
            float[] x = EmbeddingFiles.read(a.resolve(f)).data(), y = EmbeddingFiles.read(b.resolve(f)).data();
            assertArrayEquals(x, y, 1e-6f, f);
        }
    }
}
