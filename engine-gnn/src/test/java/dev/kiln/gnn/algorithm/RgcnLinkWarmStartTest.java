package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.gnn.data.IdMap;
import dev.kiln.gnn.data.NodeFeatures;
import dev.kiln.gnn.data.TripleReader;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.rgcn.LinkPredictionTrainer;
import dev.kiln.gnn.rgcn.PlantedGraph;
import dev.kiln.runtime.output.Archives;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rgcn link prediction with the features channel, and incremental training from a previous link model. */
class RgcnLinkWarmStartTest {
    private static final Path KINSHIP = Path.of("..", "samples", "training", "kge-kinship", "data")
            .toAbsolutePath().normalize();
    private static final Map<String, String> HP = Map.of("task", "link-predict", "num-hidden", "8", "num-bases", "3",
            "batch-size", "2000", "early-stopping-window", "0", "validation-max-triples", "100");

    @TempDir
    Path tmp;
    private Path previous;

    @BeforeEach
    void trainPreviousModel() throws Exception {
        FakeContext first = job("first", Map.of("num-epochs", "3", "lr", "0.02"), KINSHIP.resolve("train"), null);
        new RgcnAlgorithm().train(first);
        previous = first.modelDir();
    }

    private FakeContext job(String root, Map<String, String> extra, Path train, Path model) {
        Map<String, String> hp = new HashMap<>(HP);
        hp.putAll(extra);
        Map<String, Path> channels = new HashMap<>(Map.of("train", train,
                "validation", KINSHIP.resolve("validation"), "test", KINSHIP.resolve("test")));
        if (model != null) {
            channels.put("model", model);
        }
        return new FakeContext(tmp.resolve(root), hp, channels);
    }

    @Test
    void writesWhatAWarmStartNeedsWithTheDecoder() throws Exception {
        assertEquals(104, EmbeddingFiles.read(previous.resolve(RgcnWarmStart.INPUT)).rows());
        Map<String, RgcnWarmStart.Tensor> tensors = RgcnWarmStart.read(previous.resolve(RgcnWarmStart.PARAMETERS));
        RgcnWarmStart.Tensor decoder = tensors.get(LinkPredictionTrainer.DECODER);
        assertEquals(List.of(25, 8), List.of(decoder.shape()[0], decoder.shape()[1]));
        assertTrue(tensors.containsKey("layer1.coeff") && !tensors.containsKey("embedding"), tensors.keySet().toString());
        JsonNode m = new ObjectMapper().readTree(previous.resolve("model.json").toFile());
        assertEquals("link-predict", m.path("task").asText());
    }

    @Test
    void aWarmStartFromTheTarGzReusesEverythingByName() throws Exception {
        Path archive = tmp.resolve("channel/model.tar.gz");
        Archives.tarGz(previous, archive);
        // lr 1e-9: the one epoch barely moves, so the saved model is the warm start itself
        FakeContext ctx = job("second", Map.of("num-epochs", "1", "lr", "1e-9"), KINSHIP.resolve("train"), archive);
        new RgcnAlgorithm().train(ctx);
        assertTrue(ctx.logText().contains("rgcn link-predict: warm start from the model channel: 104 of 104 input "
                + "embeddings reused by entity name, 9 of 9 parameter tensors reused (25 of 25 relations known), "
                + "25 of 25 decoder relation rows reused by relation name"), ctx.logText());
        assertRowsMatchByName(previous, ctx.modelDir(), "entity_embeddings.bin", "entities.tsv");
        assertRowsMatchByName(previous, ctx.modelDir(), "relation_embeddings.bin", "relations.tsv");
    }

    @Test
    void rowsFollowTheNamesWhenIdsChange() throws Exception {
        // the train triples reversed: entity and relation ids come out in another order
        List<String> lines = new ArrayList<>(Files.readAllLines(KINSHIP.resolve("train/train.txt")));
        Collections.reverse(lines);
        Path reversed = tmp.resolve("reversed/train.txt");
        Files.createDirectories(reversed.getParent());
        Files.write(reversed, lines);
        IdMap e = new IdMap(), r = new IdMap();
        TripleReader.read(reversed, e, r);
        assertTrue(!e.names().equals(EmbeddingFiles.readNames(previous.resolve("entities.tsv")))
                && !r.names().equals(EmbeddingFiles.readNames(previous.resolve("relations.tsv"))), "ids differ");
        FakeContext ctx = job("reversed-job", Map.of("num-epochs", "1", "lr", "1e-9"), reversed, previous);
        new RgcnAlgorithm().train(ctx);
        assertTrue(ctx.logText().contains("104 of 104 input embeddings reused by entity name, 9 of 9 parameter tensors"
                + " reused (25 of 25 relations known), 25 of 25 decoder relation rows"), ctx.logText());
        assertRowsMatchByName(previous, ctx.modelDir(), "relation_embeddings.bin", "relations.tsv");
        assertRowsMatchByName(previous, ctx.modelDir(), RgcnWarmStart.INPUT, "entities.tsv");
    }

    @Test
    void refusesANodeModelAnotherWidthOrALinkModelInANodeJobNamingBoth() throws Exception {
        Exception wide = assertThrows(IllegalArgumentException.class, () -> new RgcnAlgorithm().train(
                job("wide", Map.of("num-hidden", "16", "num-epochs", "1"), KINSHIP.resolve("train"), previous)));
        assertTrue(wide.getMessage().contains("input width 8") && wide.getMessage().contains("num-hidden 16"),
                wide.getMessage());
        Path node = Files.createDirectories(tmp.resolve("node"));
        Files.writeString(node.resolve("model.json"), "{\"model\": \"rgcn\", \"task\": \"node-classification\"}");
        Exception nodeIntoLink = assertThrows(IllegalArgumentException.class, () -> new RgcnAlgorithm().train(
                job("node-into-link", Map.of("num-epochs", "1"), KINSHIP.resolve("train"), node)));
        assertTrue(nodeIntoLink.getMessage().contains("rgcn node-classification model")
                && nodeIntoLink.getMessage().contains("rgcn link-predict job"), nodeIntoLink.getMessage());
        Path planted = tmp.resolve("planted");
        PlantedGraph.write(planted, 60, 1);
        FakeContext nodeJob = new FakeContext(tmp.resolve("link-into-node"), Map.of("num-epochs", "1"),
                Map.of("train", planted.resolve("triples.tsv"), "labels", planted.resolve("labels.tsv"), "model", previous));
        Exception linkIntoNode = assertThrows(IllegalArgumentException.class, () -> new RgcnAlgorithm().train(nodeJob));
        assertTrue(linkIntoNode.getMessage().contains("rgcn link-predict model")
                && linkIntoNode.getMessage().contains("rgcn node-classification job"), linkIntoNode.getMessage());
    }

    @Test
    void aCheckpointTakesPrecedenceOverTheModelChannel() throws Exception {
        new RgcnAlgorithm().train(job("resumed", Map.of("num-epochs", "1"), KINSHIP.resolve("train"), previous));
        FakeContext again = job("resumed", Map.of("num-epochs", "2"), KINSHIP.resolve("train"), previous);
        new RgcnAlgorithm().train(again);
        assertTrue(again.logText().contains("resuming after epoch 1")
                && again.logText().contains("checkpoint takes precedence"), again.logText());
        assertTrue(!again.logText().contains("reused"), again.logText());
    }

    @Test
    void featuredEntitiesTakeTheirInputFromTheProjection() throws Exception {
        // half the people get a feature file: a one-hot of the person's number modulo 3 and a noisy number
        List<String> rows = new ArrayList<>(List.of("entity\tmod0\tmod1\tmod2\tnumber"));
        for (int p = 0; p < 104; p += 2) {
            rows.add("person" + p + "\t" + (p % 3 == 0 ? 1 : 0) + "\t" + (p % 3 == 1 ? 1 : 0) + "\t"
                    + (p % 3 == 2 ? 1 : 0) + "\t" + (p * 0.37 % 5));
        }
        Path features = tmp.resolve("features/people.tsv");
        Files.createDirectories(features.getParent());
        Files.write(features, rows);
        for (String fanout : new String[] {null, "4,4"}) {
            Map<String, String> hp = new HashMap<>(Map.of("num-epochs", "2", "lr", "0.02"));
            if (fanout != null) {
                hp.put("fanout", fanout);
            }
            hp.putAll(HP);
            FakeContext ctx = new FakeContext(tmp.resolve("featured-" + (fanout == null ? "full" : "sampled")), hp,
                    Map.of("train", KINSHIP.resolve("train"), "validation", KINSHIP.resolve("validation"),
                            "test", KINSHIP.resolve("test"), "features", features.getParent()));
            new RgcnAlgorithm().train(ctx);
            assertTrue(ctx.logText().contains("node features [people.tsv: 52 nodes x 4]"), ctx.logText());
            Path dir = ctx.modelDir();
            JsonNode m = new ObjectMapper().readTree(dir.resolve("model.json").toFile());
            assertEquals(52, m.path("features").get(0).path("nodes").asInt());
            // the saved input of a featured entity is b + x W over the standardised features
            IdMap entities = new IdMap();
            EmbeddingFiles.readNames(dir.resolve("entities.tsv")).forEach(entities::intern);
            NodeFeatures.Group g = NodeFeatures.read(features.getParent(), entities).standardised().groups().get(0);
            Map<String, RgcnWarmStart.Tensor> t = RgcnWarmStart.read(dir.resolve(RgcnWarmStart.PARAMETERS));
            double[] w = t.get("features.people.tsv.weight").values(), b = t.get("features.people.tsv.bias").values();
            EmbeddingTable input = EmbeddingFiles.read(dir.resolve(RgcnWarmStart.INPUT));
            for (int k = 0; k < g.size(); k++) {
                for (int j = 0; j < 8; j++) {
                    double expected = b[j];
                    for (int c = 0; c < 4; c++) {
                        expected += g.values()[k * 4 + c] * w[c * 8 + j];
                    }
                    assertEquals(expected, input.data()[input.offset(g.nodes()[k]) + j], 1e-5);
                }
            }
            assertTrue(ctx.last("test:mrr") > 0.05, "test MRR " + ctx.last("test:mrr"));
        }
    }

    private static void assertRowsMatchByName(Path before, Path after, String table, String names) throws Exception {
        EmbeddingTable x = EmbeddingFiles.read(before.resolve(table)), y = EmbeddingFiles.read(after.resolve(table));
        List<String> nx = EmbeddingFiles.readNames(before.resolve(names));
        List<String> ny = EmbeddingFiles.readNames(after.resolve(names));
        for (int i = 0; i < nx.size(); i++) {
            int j = ny.indexOf(nx.get(i));
            for (int k = 0; k < x.dim(); k++) {
                assertEquals(x.data()[x.offset(i) + k], y.data()[y.offset(j) + k], 1e-4, table + " " + nx.get(i));
            }
        }
    }
}
