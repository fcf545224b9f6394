package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.algorithm.Algorithm;
import dev.kiln.gnn.rgcn.PlantedGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rgcn algorithm end to end on a planted-label graph: learning, metrics, artifacts, resume. */
class RgcnAlgorithmTest {
    @TempDir
    Path tmp;

    private FakeContext context(Path root, Map<String, String> hp) throws Exception {
        Path data = tmp.resolve("data");
        if (!Files.exists(data)) {
            PlantedGraph.write(data, 600, 1);
        }
        return new FakeContext(root, hp, Map.of("train", data.resolve("triples.tsv"), "labels", data.resolve("labels.tsv")));
    }

    private static double majorityBaseline(Path labels) throws Exception {
        List<String[]> test = Files.readAllLines(labels).stream().map(l -> l.split("\t"))
                .filter(f -> f[2].equals("test")).toList();
        long a = test.stream().filter(f -> f[1].equals("a")).count();
        return Math.max(a, test.size() - a) / (double) test.size();
    }

    @Test
    void learnsThePlantedLabelWellAboveTheMajorityBaseline() throws Exception {
        FakeContext ctx = context(tmp.resolve("job"), Map.of("num-epochs", "60", "lr", "0.02"));
        new RgcnAlgorithm().train(ctx);
        double baseline = majorityBaseline(tmp.resolve("data/labels.tsv"));
        double acc = ctx.last("test:accuracy");
        assertTrue(acc >= 0.95 && acc > baseline + 0.15, "test accuracy " + acc + " vs majority " + baseline);
        assertTrue(ctx.last("test:f1") > 0.9, "macro F1 " + ctx.last("test:f1"));
        assertTrue(ctx.last("validation:accuracy") > 0.9);
        Path model = ctx.modelDir();
        for (String f : List.of("predictions.tsv", "node_embeddings.bin", "entities.tsv", "relations.tsv", "classes.tsv",
                "hyperparameters.json", "model.json")) {
            assertTrue(Files.exists(model.resolve(f)), f);
        }
        List<String> preds = Files.readAllLines(model.resolve("predictions.tsv"));
        assertEquals("entity\tpredicted\tprobability", preds.get(0));
        assertEquals(600 + 4 + 1, preds.size()); // people, clubs, header
        assertEquals(600 + 4, EmbeddingFiles.read(model.resolve("node_embeddings.bin")).rows());
    }

    @Test
    void learnsThePlantedLabelWithMiniBatchNeighbourSampling() throws Exception {
        FakeContext ctx = context(tmp.resolve("job"), Map.of("num-epochs", "30", "lr", "0.02", "fanout", "5,5",
                "batch-size", "64"));
        new RgcnAlgorithm().train(ctx);
        double baseline = majorityBaseline(tmp.resolve("data/labels.tsv"));
        double acc = ctx.last("test:accuracy");
        assertTrue(acc >= 0.95 && acc > baseline + 0.15, "test accuracy " + acc + " vs majority " + baseline);
    }

    @Test
    void resumesFromTheCheckpointOfAnInterruptedJob() throws Exception {
        Map<String, String> hp = new HashMap<>(Map.of("num-epochs", "4", "early-stopping-window", "0"));
        FakeContext first = context(tmp.resolve("job"), hp);
        new RgcnAlgorithm().train(first);
        assertEquals(4, first.metrics.stream().filter(m -> m.name().equals("train:loss")).count());
        hp.put("num-epochs", "7");
        FakeContext second = context(tmp.resolve("job"), hp);
        new RgcnAlgorithm().train(second);
        assertTrue(second.logText().contains("resuming after epoch 4"), second.logText());
        List<Integer> epochs = second.metrics.stream().filter(m -> m.name().equals("train:loss")).map(m -> m.epoch()).toList();
        assertEquals(List.of(5, 6, 7), epochs);

        // the resumed run equals an uninterrupted one: same masks, same Adam steps
        FakeContext straight = context(tmp.resolve("straight"), hp);
        new RgcnAlgorithm().train(straight);
        assertEquals(straight.last("train:loss"), second.last("train:loss"), 1e-12);
    }

    @Test
    void aResumedSampledJobMatchesAnUninterruptedOne() throws Exception {
        Map<String, String> hp = new HashMap<>(Map.of("num-epochs", "3", "early-stopping-window", "0", "fanout", "5,3",
                "batch-size", "64"));
        new RgcnAlgorithm().train(context(tmp.resolve("job"), hp));
        hp.put("num-epochs", "5");
        FakeContext resumed = context(tmp.resolve("job"), hp);
        new RgcnAlgorithm().train(resumed);
        assertTrue(resumed.logText().contains("resuming after epoch 3"), resumed.logText());
        FakeContext straight = context(tmp.resolve("straight"), hp);
        new RgcnAlgorithm().train(straight);
        // the same sampled blocks, dropout masks and Adam steps, batch by batch
        assertEquals(straight.last("train:loss"), resumed.last("train:loss"), 1e-12);
        assertEquals(straight.last("validation:accuracy"), resumed.last("validation:accuracy"), 1e-12);
    }

    @Test
    void stopsEarlyWhenValidationAccuracyStallsAndRejectsUnknownHyperparameters() throws Exception {
        FakeContext ctx = context(tmp.resolve("job"), Map.of("num-epochs", "200", "early-stopping-window", "3"));
        new RgcnAlgorithm().train(ctx);
        long epochs = ctx.metrics.stream().filter(m -> m.name().equals("train:loss")).count();
        assertTrue(epochs < 200 && ctx.logText().contains("stopping early"), "epochs " + epochs);
        FakeContext bad = context(tmp.resolve("bad"), Map.of("num-hiden", "8"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RgcnAlgorithm().train(bad));
        assertTrue(e.getMessage().contains("num-hiden"));
    }

    @Test
    void isFoundByServiceLoaderWithItsMetrics() {
        Algorithm rgcn = ServiceLoader.load(Algorithm.class).stream().map(ServiceLoader.Provider::get)
                .filter(a -> a.name().equals("rgcn")).findFirst().orElseThrow();
        assertTrue(rgcn.metricNames().containsAll(List.of("train:loss", "validation:accuracy", "validation:f1",
                "test:accuracy")));
    }
}
