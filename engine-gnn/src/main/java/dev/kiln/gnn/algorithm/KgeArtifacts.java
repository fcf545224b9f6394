package dev.kiln.gnn.algorithm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.gnn.data.KgDataset;
import dev.kiln.gnn.eval.RankMetrics;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The model directory of a KGE job: {@code entity_embeddings.bin} and {@code relation_embeddings.bin}
 * (format in {@link EmbeddingFiles}), {@code entities.tsv} and {@code relations.tsv} (id to name),
 * {@code hyperparameters.json} (resolved, defaults included) and {@code model.json} (model, shapes,
 * epochs, best validation and test metrics).
 */
public final class KgeArtifacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KgeArtifacts() {}

    static void write(Path dir, KgeModel model, KgDataset ds, KgeHyperParameters hp, EmbeddingTable ent,
                      EmbeddingTable rel, KgeCheckpoint.Progress progress, RankMetrics test) throws IOException {
        Files.createDirectories(dir);
        EmbeddingFiles.write(dir.resolve("entity_embeddings.bin"), ent);
        EmbeddingFiles.write(dir.resolve("relation_embeddings.bin"), rel);
        EmbeddingFiles.writeNames(dir.resolve("entities.tsv"), ds.entities().names());
        EmbeddingFiles.writeNames(dir.resolve("relations.tsv"), ds.relations().names());
        ObjectNode h = JSON.createObjectNode();
        hp.asMap().forEach(h::put);
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("hyperparameters.json").toFile(), h);
        ObjectNode m = JSON.createObjectNode();
        m.put("model", model.name());
        m.put("numEntities", ent.rows());
        m.put("numRelations", rel.rows());
        m.put("entityDim", ent.dim());
        m.put("relationDim", rel.dim());
        m.put("gamma", hp.gamma());
        if (model.name().equals("transe")) {
            m.put("distance", hp.distance());
        }
        m.put("epochsTrained", progress.epochsDone());
        if (progress.bestEpoch() > 0) {
            m.put("bestEpoch", progress.bestEpoch());
            m.put("bestValidationMrr", progress.bestMrr());
        }
        if (test != null) {
            RankReports.put(m, "test", test);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model.json").toFile(), m);
    }
}
