package dev.kiln.gnn.algorithm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.gnn.data.IdMap;
import dev.kiln.gnn.data.NodeFeatures;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.rgcn.RgcnCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model directory of an RGCN node job: {@code predictions.tsv} for every node (by the task: see
 * {@link RgcnClassification} and {@link RgcnRegression}), {@code node_embeddings.bin} (last hidden layer,
 * format in {@link EmbeddingFiles}), {@code entities.tsv}, {@code relations.tsv}, {@code classes.tsv}
 * (classification), {@code hyperparameters.json}, {@code model.json} (task, shapes, features, epochs, best
 * validation, test metrics), and the warm-start files of {@link RgcnWarmStart}.
 */
public final class RgcnArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RgcnArtifacts() {}

    static void write(Path dir, RgcnHyperParameters hp, NodeTask task, IdMap entities, IdMap relations,
                      NodeFeatures features, double[] out, double[] hidden, RgcnCheckpoint.Progress progress,
                      ObjectNode test) throws IOException {
        Files.createDirectories(dir);
        task.writeOutputs(dir, entities, out);
        if (hidden != null) {
            float[] f = new float[hidden.length];
            for (int k = 0; k < f.length; k++) {
                f[k] = (float) hidden[k];
            }
            EmbeddingFiles.write(dir.resolve("node_embeddings.bin"),
                    new EmbeddingTable(entities.size(), hp.numHidden(), f));
        }
        EmbeddingFiles.writeNames(dir.resolve("entities.tsv"), entities.names());
        EmbeddingFiles.writeNames(dir.resolve("relations.tsv"), relations.names());
        ObjectNode h = JSON.createObjectNode();
        hp.asMap().forEach(h::put);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("hyperparameters.json").toFile(), h);
        ObjectNode m = JSON.createObjectNode();
        m.put("model", "rgcn");
        m.put("task", task.modelJsonTask());
        m.put("numNodes", entities.size());
        m.put("numRelations", relations.size());
        m.put("numHidden", hp.numHidden());
        m.put("numLayers", hp.numLayers());
        m.put("epochsTrained", progress.epochsDone());
        task.describe(m, progress.bestScore(), progress.bestEpoch() > 0);
        if (progress.bestEpoch() > 0) {
            m.put("bestEpoch", progress.bestEpoch());
        }
        putFeatures(m, features);
        if (test != null) {
            m.set("test", test);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model.json").toFile(), m);
    }

    /** model.json's {@code features}: per file its name, node count and columns. */
    static void putFeatures(ObjectNode m, NodeFeatures features) {
        ArrayNode groups = m.putArray("features");
        for (NodeFeatures.Group g : features.groups()) {
            ObjectNode o = groups.addObject();
            o.put("name", g.name());
            o.put("nodes", g.size());
            g.columns().forEach(o.putArray("columns")::add);
        }
    }
}
