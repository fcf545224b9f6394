package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.gnn.rgcn.PlantedGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code features} channel: a label that only a node feature explains (no structural signal). */
class RgcnNodeFeaturesTest {
    private static final Map<String, String> HPS = Map.of("num-epochs", "60", "lr", "0.02", "dropout", "0.1");

    @TempDir
    Path tmp;

    private FakeContext context(String job, Map<String, String> hp) throws Exception {
        Path data = tmp.resolve("data");
        if (!Files.exists(data)) {
            PlantedGraph.writeFeatureOnly(data, 600, 3);
        }
        return new FakeContext(tmp.resolve(job), hp, Map.of("train", data.resolve("triples.tsv"),
                "labels", data.resolve("labels.tsv"), "features", data.resolve("features")));
    }

    @Test
    void learnsTheLabelFromTheFeatureAndNotWithoutIt() throws Exception {
        FakeContext with = context("with", HPS);
        new RgcnAlgorithm().train(with);
        assertTrue(with.last("test:accuracy") > 0.9, "with features: " + with.last("test:accuracy"));
        assertTrue(with.logText().contains("node features [people.tsv: 601 nodes x 2]"), with.logText());

        Map<String, String> off = new HashMap<>(HPS);
        off.put("use-node-features", "false");
        FakeContext without = context("without", off);
        new RgcnAlgorithm().train(without);
        assertTrue(without.last("test:accuracy") < 0.75, "without features: " + without.last("test:accuracy"));
        assertTrue(without.logText().contains("ignoring the features channel"), without.logText());

        // the loner is only in the feature and label files: an isolated node that still gets a prediction
        List<String> preds = Files.readAllLines(with.modelDir().resolve("predictions.tsv"));
        assertTrue(preds.stream().anyMatch(l -> l.startsWith("loner\t")));
        JsonNode model = new ObjectMapper().readTree(with.modelDir().resolve("model.json").toFile());
        assertEquals("people.tsv", model.get("features").get(0).get("name").asText());
        assertEquals("x", model.get("features").get(0).get("columns").get(0).asText());
        assertEquals("true", new ObjectMapper().readTree(with.modelDir().resolve("hyperparameters.json").toFile())
                .get("use-node-features").asText());
    }

    @Test
    void learnsWithNeighbourSampling() throws Exception {
        Map<String, String> hp = new HashMap<>(HPS);
        hp.put("fanout", "3");
        hp.put("batch-size", "64");
        hp.put("num-epochs", "20");
        FakeContext ctx = context("sampled", hp);
        new RgcnAlgorithm().train(ctx);
        assertTrue(ctx.last("test:accuracy") > 0.9, "with features, sampled: " + ctx.last("test:accuracy"));
    }

    @Test
    void theCheckpointCoversTheProjections() throws Exception {
        Map<String, String> hp = new HashMap<>(Map.of("num-epochs", "3", "early-stopping-window", "0"));
        new RgcnAlgorithm().train(context("job", hp));
        hp.put("num-epochs", "6");
        FakeContext resumed = context("job", hp);
        new RgcnAlgorithm().train(resumed);
        assertTrue(resumed.logText().contains("resuming after epoch 3"), resumed.logText());
        FakeContext straight = context("straight", hp);
        new RgcnAlgorithm().train(straight);
        assertEquals(straight.last("train:loss"), resumed.last("train:loss"), 1e-12);
    }

    @Test
    void malformedFeatureFilesFailWithFileAndLine() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("triples.tsv"), "a\tr\tb\n");
        Files.writeString(dir.resolve("labels.tsv"), "a\tx\ttrain\nb\ty\ttrain\n");
        for (String[] c : List.of(new String[] {"entity\tf\na\t1\nb\tbig\n", "people.tsv:3", "'big'"},
                new String[] {"entity\tf\tg\na\t1\t2\nb\t3\n", "people.tsv:3", "expected 3 fields"},
                new String[] {"entity\tf\na\t1\na\t2\n", "people.tsv:3", "already has features"})) {
            Files.writeString(dir.resolve("people.tsv"), c[0]);
            FakeContext ctx = new FakeContext(tmp.resolve("bad-job"), Map.of(), Map.of("train", dir.resolve("triples.tsv"),
                    "labels", dir.resolve("labels.tsv"), "features", dir.resolve("people.tsv")));
            Exception e = assertThrows(java.io.IOException.class, () -> new RgcnAlgorithm().train(ctx));
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains(c[2]), e.getMessage());
        }
    }
}
