package dev.kiln.gnn.algorithm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.gnn.data.IdMap;
import dev.kiln.gnn.data.NodeLabels;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.rgcn.ClassMetrics;
import dev.kiln.gnn.rgcn.RgcnCheckpoint;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model directory of an RGCN job: {@code predictions.tsv} ({@code entity<TAB>predicted<TAB>probability}
 * for every node, with a header), {@code node_embeddings.bin} (last hidden layer, format in
 * {@link EmbeddingFiles}), {@code entities.tsv}, {@code relations.tsv}, {@code classes.tsv},
 * {@code hyperparameters.json} and {@code model.json} (shapes, epochs, best validation, test metrics).
 */
public final class RgcnArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RgcnArtifacts() {}

    static void write(Path dir, RgcnHyperParameters hp, IdMap entities, IdMap relations, NodeLabels labels,
                      double[] logits, double[] hidden, int hiddenDim, RgcnCheckpoint.Progress progress,
                      ClassMetrics test) throws IOException {
        Files.createDirectories(dir);
        int classes = labels.classes().size();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("predictions.tsv"), StandardCharsets.UTF_8)) {
            w.write("entity\tpredicted\tprobability\n");
            for (int i = 0; i < entities.size(); i++) {
                int base = i * classes, arg = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    if (logits[base + c] > max) {
                        max = logits[base + c];
                        arg = c;
                    }
                }
                double z = 0;
                for (int c = 0; c < classes; c++) {
                    z += Math.exp(logits[base + c] - max);
                }
                w.write(entities.name(i) + "\t" + labels.classes().name(arg) + "\t" + (float) (1 / z) + "\n");
            }
        }
        if (hidden != null) {
            float[] f = new float[hidden.length];
            for (int k = 0; k < f.length; k++) {
                f[k] = (float) hidden[k];
            }
            EmbeddingFiles.write(dir.resolve("node_embeddings.bin"), new EmbeddingTable(entities.size(), hiddenDim, f));
        }
        EmbeddingFiles.writeNames(dir.resolve("entities.tsv"), entities.names());
        EmbeddingFiles.writeNames(dir.resolve("relations.tsv"), relations.names());
        EmbeddingFiles.writeNames(dir.resolve("classes.tsv"), labels.classes().names());
        ObjectNode h = JSON.createObjectNode();
        hp.asMap().forEach(h::put);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("hyperparameters.json").toFile(), h);
        ObjectNode m = JSON.createObjectNode();
        m.put("model", "rgcn");
        m.put("task", "node-classification");
        m.put("numNodes", entities.size());
        m.put("numRelations", relations.size());
        m.put("numClasses", classes);
        m.put("epochsTrained", progress.epochsDone());
        if (progress.bestEpoch() > 0) {
            m.put("bestEpoch", progress.bestEpoch());
            m.put("bestValidationAccuracy", progress.bestScore());
        }
        if (test != null) {
            ObjectNode t = m.putObject("test");
            t.put("accuracy", test.accuracy());
            t.put("f1", test.macroF1());
            t.put("count", test.count());
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model.json").toFile(), m);
    }
}
