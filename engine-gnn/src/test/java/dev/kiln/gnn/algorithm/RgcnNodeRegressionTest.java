package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.gnn.rgcn.PlantedGraph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code task=node-regression} end to end: a person's value is its club's value plus noise. */
class RgcnNodeRegressionTest {
    @TempDir
    Path tmp;

    private FakeContext context(String job, Map<String, String> hp) throws Exception {
        Path data = tmp.resolve("data");
        if (!Files.exists(data)) {
            PlantedGraph.writeRegression(data, 600, 2);
        }
        return new FakeContext(tmp.resolve(job), hp, Map.of("train", data.resolve("triples.tsv"),
                "labels", data.resolve("values.tsv")));
    }

    /** RMSE on the test split of predicting the train mean for every node. */
    private double meanBaselineRmse() throws Exception {
        List<String[]> rows = Files.readAllLines(tmp.resolve("data/values.tsv")).stream().map(l -> l.split("\t")).toList();
        double mean = rows.stream().filter(f -> f[2].equals("train")).mapToDouble(f -> Double.parseDouble(f[1]))
                .average().orElseThrow();
        return Math.sqrt(rows.stream().filter(f -> f[2].equals("test"))
                .mapToDouble(f -> Math.pow(Double.parseDouble(f[1]) - mean, 2)).average().orElseThrow());
    }

    @Test
    void learnsTheValueFromTheNeighboursGroupWellBelowTheMeanBaseline() throws Exception {
        FakeContext ctx = context("job", Map.of("task", "node-regression", "num-epochs", "150", "lr", "0.01", "early-stopping-window", "30",
                "num-bases", "4"));
        RgcnAlgorithm alg = new RgcnAlgorithm();
        alg.train(ctx);
        double baseline = meanBaselineRmse();
        double rmse = ctx.last("test:rmse");
        assertTrue(baseline > 4, "the planted values spread: baseline " + baseline);
        assertTrue(rmse < 0.25 * baseline, "test RMSE " + rmse + " vs predict-the-mean " + baseline + ctx.logText());
        assertTrue(ctx.last("test:mae") <= rmse);
        for (FakeContext.Metric m : ctx.metrics) {
            assertTrue(alg.metricNames().contains(m.name()), "undeclared metric " + m.name());
        }
        for (String name : List.of("train:loss", "train:rmse", "validation:rmse", "validation:mae")) {
            assertTrue(ctx.metrics.stream().anyMatch(m -> m.name().equals(name) && m.epoch() != null), name);
        }
        Path model = ctx.modelDir();
        List<String> preds = Files.readAllLines(model.resolve("predictions.tsv"));
        assertEquals("entity\tpredicted", preds.get(0));
        assertEquals(600 + 4 + 1, preds.size());
        double p0 = Double.parseDouble(preds.get(1).split("\t")[1]);
        assertTrue(p0 > 0 && p0 < 18, "predictions are in the target's unit: " + preds.get(1));
        JsonNode json = new ObjectMapper().readTree(model.resolve("model.json").toFile());
        assertEquals("node-regression", json.get("task").asText());
        assertEquals(ctx.last("test:rmse"), json.get("test").get("rmse").asDouble(), 1e-12);
        double bestValidation = ctx.metrics.stream().filter(m -> m.name().equals("validation:rmse"))
                .mapToDouble(FakeContext.Metric::value).min().orElseThrow();
        assertEquals(bestValidation, json.get("bestValidationRmse").asDouble(), 1e-12, "the lowest validation RMSE is kept");
        assertTrue(Files.exists(model.resolve("node_embeddings.bin")) && !Files.exists(model.resolve("classes.tsv")));
    }

    @Test
    void learnsWithNeighbourSamplingAndNeptuneSpelling() throws Exception {
        FakeContext ctx = context("sampled", Map.of("task", "node_regression", "num-epochs", "40", "lr", "0.02",
                "fanout", "5,5", "batch-size", "64", "num-bases", "4"));
        new RgcnAlgorithm().train(ctx);
        double rmse = ctx.last("test:rmse");
        assertTrue(rmse < 0.25 * meanBaselineRmse(), "test RMSE " + rmse + " vs " + meanBaselineRmse());
    }

    @Test
    void aNonNumericValueFailsWithFileAndLine() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(data.resolve("triples.tsv"), "a\tr\tb\n");
        Files.writeString(data.resolve("values.tsv"), "a\t1.5\ttrain\nb\tlarge\ttrain\n");
        FakeContext ctx = new FakeContext(tmp.resolve("bad-job"), Map.of("task", "node-regression"),
                Map.of("train", data.resolve("triples.tsv"), "labels", data.resolve("values.tsv")));
        Exception e = assertThrows(java.io.IOException.class, () -> new RgcnAlgorithm().train(ctx));
        assertTrue(e.getMessage().contains("values.tsv:2") && e.getMessage().contains("'large'"), e.getMessage());
    }

    @Test
    void acceptsNeptuneTaskSpellingsAndRejectsOthers() {
        assertEquals("node-class", RgcnHyperParameters.parse(Map.of("task", "node_class")).task());
        assertEquals("link-predict", RgcnHyperParameters.parse(Map.of("task", "link_predict")).task());
        assertEquals("node-regression", RgcnHyperParameters.parse(Map.of("task", "Node_Regression")).task());
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> RgcnHyperParameters.parse(Map.of("task", "regression")));
        assertTrue(e.getMessage().contains("node-regression"), e.getMessage());
    }
}
