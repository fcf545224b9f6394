package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rgcn with task=link-predict on Kinship: filtered test MRR far above random ranking, KGE-format artifacts. */
class RgcnLinkPredictionTest {
    @TempDir
    Path tmp;

    @Test
    void learnsKinshipLinksWithADistMultDecoder() throws Exception {
        FakeContext ctx = new FakeContext(tmp, Map.of("task", "link-predict", "num-hidden", "32", "num-bases", "5",
                "num-epochs", "15", "batch-size", "2000", "lr", "0.02", "dropout", "0.1"),
                FakeContext.kgChannels(KgData.dataset("kinship")));
        new RgcnAlgorithm().train(ctx);
        // random ranking among 104 entities gives MRR about 0.05
        assertTrue(ctx.last("test:mrr") > 0.2, "test MRR " + ctx.last("test:mrr") + "\n" + ctx.logText());
        assertTrue(ctx.last("validation:hits@10") > 0.4, ctx.logText());
        for (String f : new String[] {"entity_embeddings.bin", "relation_embeddings.bin", "entities.tsv", "model.json"}) {
            assertTrue(Files.exists(ctx.modelDir().resolve(f)), f);
        }
        String hp = Files.readString(ctx.modelDir().resolve("hyperparameters.json"));
        for (String echoed : new String[] {"\"num-negs\" : \"256\"", "\"neg-chunk-size\" : \"256\"",
                "\"adversarial-temperature\" : \"1.0\""}) {
            assertTrue(hp.contains(echoed), "defaults are written to the model: " + hp);
        }
    }

    /** The earlier regime, each positive with its own uniformly weighted negatives, still trains. */
    @Test
    void learnsKinshipLinksWithOwnUniformNegatives() throws Exception {
        FakeContext ctx = new FakeContext(tmp, Map.of("task", "link-predict", "num-hidden", "32", "num-bases", "5",
                "num-epochs", "15", "batch-size", "2000", "lr", "0.02", "dropout", "0.1", "num-negs", "10",
                "neg-chunk-size", "1", "adversarial-temperature", "0"), FakeContext.kgChannels(KgData.dataset("kinship")));
        new RgcnAlgorithm().train(ctx);
        assertTrue(ctx.last("test:mrr") > 0.2, "test MRR " + ctx.last("test:mrr") + "\n" + ctx.logText());
    }

    @Test
    void linkPredictionHasItsOwnDefaultsForWidthBasesAndDecay() {
        RgcnHyperParameters link = RgcnHyperParameters.parse(Map.of("task", "link-predict"));
        assertEquals(64, link.numHidden());
        assertEquals(2, link.numBases());
        assertEquals(0.0, link.weightDecay());
        RgcnHyperParameters node = RgcnHyperParameters.parse(Map.of());
        assertEquals(16, node.numHidden());
        assertEquals(10, node.numBases());
        assertEquals(5e-4, node.weightDecay());
        assertEquals(48, RgcnHyperParameters.parse(Map.of("task", "link-predict", "num-hidden", "48")).numHidden());
    }

    @Test
    void rejectsNegativeSettingsOutOfRangeNamingTheHyperparameter() {
        for (Map.Entry<String, String> bad : Map.of("neg-chunk-size", "0", "num-negs", "0",
                "adversarial-temperature", "-1").entrySet()) {
            Exception e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> RgcnHyperParameters.parse(Map.of("task", "link-predict", bad.getKey(), bad.getValue())));
            assertTrue(e.getMessage().contains(bad.getKey()), e.getMessage());
        }
    }

    /** The repository's copy of Kinship (samples/), so these run without the shared data folder. */
    private static Map<String, Path> sampleKinship() {
        Path data = Path.of("..", "samples", "training", "kge-kinship", "data").toAbsolutePath().normalize();
        return Map.of("train", data.resolve("train"), "validation", data.resolve("validation"),
                "test", data.resolve("test"));
    }

    @Test
    void learnsKinshipLinksOnSampledNeighbourhoods() throws Exception {
        FakeContext ctx = new FakeContext(tmp, Map.of("task", "link-predict", "num-hidden", "32", "num-bases", "5",
                "num-epochs", "6", "batch-size", "500", "lr", "0.01", "dropout", "0.1", "fanout", "8,4",
                // Adam with L2 decay shrinks the weakly-driven weights faster than 8 of ~160 in-edges can grow them
                "weight-decay", "0"), sampleKinship());
        new RgcnAlgorithm().train(ctx);
        assertTrue(ctx.logText().contains("neighbour sampling, fanout [8, 4]"), ctx.logText());
        // random ranking among 104 entities gives MRR about 0.05
        assertTrue(ctx.last("test:mrr") > 0.2, "test MRR " + ctx.last("test:mrr") + "\n" + ctx.logText());
        assertTrue(ctx.last("validation:hits@10") > 0.4, ctx.logText());
    }

    @Test
    void aResumedSampledJobMatchesAnUninterruptedOne() throws Exception {
        Map<String, String> hp = new HashMap<>(Map.of("task", "link-predict", "num-hidden", "8", "num-bases", "2",
                "num-epochs", "2", "batch-size", "2000", "fanout", "4", "early-stopping-window", "0",
                "validation-max-triples", "100"));
        new RgcnAlgorithm().train(new FakeContext(tmp.resolve("job"), hp, sampleKinship()));
        hp.put("num-epochs", "3");
        FakeContext resumed = new FakeContext(tmp.resolve("job"), hp, sampleKinship());
        new RgcnAlgorithm().train(resumed);
        assertTrue(resumed.logText().contains("resuming after epoch 2"), resumed.logText());
        FakeContext straight = new FakeContext(tmp.resolve("straight"), hp, sampleKinship());
        new RgcnAlgorithm().train(straight);
        // same negatives, subgraphs, dropout masks and Adam steps
        assertEquals(straight.last("train:loss"), resumed.last("train:loss"), 1e-12);
        assertEquals(straight.last("test:mrr"), resumed.last("test:mrr"), 1e-12);
    }
}
