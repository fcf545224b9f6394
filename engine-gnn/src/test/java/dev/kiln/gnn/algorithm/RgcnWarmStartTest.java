package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.rgcn.PlantedGraph;
import dev.kiln.runtime.output.Archives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Incremental training of rgcn node models from a previous model in the {@code model} channel. */
class RgcnWarmStartTest {
    @TempDir
    Path tmp;
    private Path data;
    private Path previous;

    @BeforeEach
    void trainPreviousModel() throws Exception {
        data = tmp.resolve("data");
        PlantedGraph.write(data, 600, 1);
        // num-bases below the relation count (3, so 6 with inverses): a grown relation set keeps the bases' shape
        FakeContext first = job("first", Map.of("num-epochs", "40", "lr", "0.02", "num-bases", "4"), null);
        new RgcnAlgorithm().train(first);
        assertTrue(first.last("test:accuracy") > 0.9);
        previous = first.modelDir();
    }

    private FakeContext job(String root, Map<String, String> hp, Path model) {
        Map<String, Path> channels = new HashMap<>(Map.of("train", data.resolve("triples.tsv"),
                "labels", data.resolve("labels.tsv")));
        if (model != null) {
            channels.put("model", model);
        }
        return new FakeContext(tmp.resolve(root), hp, channels);
    }

    @Test
    void aWarmStartFromTheTarGzContinuesFromThePreviousModel() throws Exception {
        Path archive = tmp.resolve("channel/model.tar.gz");
        Archives.tarGz(previous, archive);
        // lr 1e-9: the one epoch barely moves, so the saved model is the warm start itself
        FakeContext ctx = job("second", Map.of("num-epochs", "1", "lr", "1e-9", "num-bases", "4"), archive);
        new RgcnAlgorithm().train(ctx);
        assertTrue(ctx.logText().contains("604 of 604 input embeddings reused by entity name, 8 of 8 parameter tensors "
                + "reused (3 of 3 relations known)"), ctx.logText());
        assertEquals(predictions(previous), predictions(ctx.modelDir()));
        assertTrue(ctx.last("test:accuracy") > 0.9, "accurate after one epoch: " + ctx.last("test:accuracy"));
    }

    @Test
    void newNodesAndRelationsStartFreshAndClassesMatchByName() throws Exception {
        // a grown graph, with labels listed in another order so class ids differ from the previous job's
        Path grown = tmp.resolve("grown");
        Files.createDirectories(grown);
        Files.writeString(grown.resolve("triples.tsv"), Files.readString(data.resolve("triples.tsv"))
                + "newcomer\tmember_of\tclub3\nnewcomer\tfollows\tp1\n");
        List<String> labels = Files.readAllLines(data.resolve("labels.tsv"));
        List<String> reordered = new java.util.ArrayList<>(labels.stream().filter(l -> l.contains("\tb\t")).toList());
        reordered.addAll(labels.stream().filter(l -> l.contains("\ta\t")).toList());
        Files.write(grown.resolve("labels.tsv"), reordered);
        FakeContext ctx = new FakeContext(tmp.resolve("grown-job"), Map.of("num-epochs", "1", "lr", "1e-9", "num-bases", "4"),
                Map.of("train", grown.resolve("triples.tsv"), "labels", grown.resolve("labels.tsv"), "model", previous));
        new RgcnAlgorithm().train(ctx);
        assertTrue(ctx.logText().contains("604 of 605 input embeddings reused by entity name, 8 of 8 parameter tensors "
                + "reused (3 of 4 relations known)"), ctx.logText());
        Map<String, String> before = predictions(previous), after = predictions(ctx.modelDir());
        assertEquals(before.get("p5"), after.get("p5"), "class b is id 0 now, a is 1: columns follow the names");
        assertTrue(ctx.last("test:accuracy") > 0.9, "accuracy " + ctx.last("test:accuracy"));
    }

    @Test
    void refusesAnotherWidthOrAlgorithmNamingBoth() throws Exception {
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> new RgcnAlgorithm().train(job("wide", Map.of("num-hidden", "8"), previous)));
        assertTrue(e.getMessage().contains("input width 16") && e.getMessage().contains("num-hidden 8"), e.getMessage());
        Path kge = Files.createDirectories(tmp.resolve("kge"));
        Files.writeString(kge.resolve("model.json"), "{\"model\": \"transe\"}");
        Exception other = assertThrows(IllegalArgumentException.class,
                () -> new RgcnAlgorithm().train(job("kge", Map.of(), kge)));
        assertTrue(other.getMessage().contains("transe model") && other.getMessage().contains("rgcn node-classification"),
                other.getMessage());
    }

    @Test
    void regressionReusesAClassifiersHiddenLayerAndCoefficientsButNotItsOutputs() throws Exception {
        Path values = tmp.resolve("values.tsv");
        Files.write(values, Files.readAllLines(data.resolve("labels.tsv")).stream()
                .map(l -> l.replace("\ta\t", "\t1.0\t").replace("\tb\t", "\t2.0\t")).toList());
        FakeContext ctx = new FakeContext(tmp.resolve("regression"), Map.of("task", "node-regression", "num-epochs", "1",
                "num-bases", "4"),
                Map.of("train", data.resolve("triples.tsv"), "labels", values, "model", previous));
        new RgcnAlgorithm().train(ctx);
        assertTrue(ctx.logText().contains("604 of 604 input embeddings reused by entity name, 5 of 8 parameter tensors"),
                ctx.logText());
    }

    @Test
    void aCheckpointTakesPrecedenceOverTheModelChannel() throws Exception {
        Map<String, String> hp = new HashMap<>(Map.of("num-epochs", "1"));
        new RgcnAlgorithm().train(job("resumed", hp, previous));
        hp.put("num-epochs", "2");
        FakeContext again = job("resumed", hp, previous);
        new RgcnAlgorithm().train(again);
        assertTrue(again.logText().contains("resuming after epoch 1")
                && again.logText().contains("checkpoint takes precedence"), again.logText());
        assertTrue(!again.logText().contains("reused"), again.logText());
    }

    @Test
    void writesTheWarmStartFilesItReads() throws Exception {
        assertEquals(604, EmbeddingFiles.read(previous.resolve(RgcnWarmStart.INPUT)).rows());
        Map<String, RgcnWarmStart.Tensor> tensors = RgcnWarmStart.read(previous.resolve(RgcnWarmStart.PARAMETERS));
        assertEquals(List.of("layer0.basis", "layer0.coeff", "layer0.loop", "layer0.bias", "layer1.basis", "layer1.coeff",
                "layer1.loop", "layer1.bias"), List.copyOf(tensors.keySet()));
        assertEquals(List.of(6, 4), List.of(tensors.get("layer0.coeff").shape()[0], tensors.get("layer0.coeff").shape()[1]));
        assertEquals(2, tensors.get("layer1.bias").shape()[0], "one output per class");
    }

    /** entity -> predicted class. */
    private static Map<String, String> predictions(Path model) throws Exception {
        Map<String, String> m = new HashMap<>();
        for (String l : Files.readAllLines(model.resolve("predictions.tsv")).subList(1, 605)) {
            String[] f = l.split("\t");
            m.put(f[0], f[1]);
        }
        return m;
    }
}
