package dev.kiln.gnn.algorithm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.gnn.data.IdMap;
import dev.kiln.gnn.data.KgDataset;
import dev.kiln.gnn.eval.RankMetrics;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The model directory of a KGE job: {@code entity_embeddings.bin} and {@code relation_embeddings.bin}
 * (format in {@link EmbeddingFiles}), {@code entities.tsv} and {@code relations.tsv} (id to name),
 * {@code hyperparameters.json} (resolved, defaults included) and {@code model.json} (model, shapes,
 * epochs, best validation and test metrics). {@link #warmStart} reads them back for incremental training.
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
        if (progress.lrScale() != 1) {
            m.put("lrDecayedBy", progress.lrScale());
        }
        if (progress.bestEpoch() > 0) {
            m.put("bestEpoch", progress.bestEpoch());
            m.put("bestValidationMrr", progress.bestMrr());
        }
        if (test != null) {
            RankReports.put(m, "test", test);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model.json").toFile(), m);
    }

    /** How many rows a warm start took from the previous model. */
    record Reused(int entities, int relations) {}

    /**
     * Starts {@code ent} and {@code rel} from a previous model of the same algorithm: every row whose name
     * appears in the previous {@code entities.tsv} / {@code relations.tsv} takes the previous row; the others
     * keep their initialisation. A model of another algorithm or shape fails, naming both.
     */
    static Reused warmStart(PreviousModel prev, String algorithm, KgDataset ds, EmbeddingTable ent, EmbeddingTable rel)
            throws IOException {
        if (!prev.algorithm().equals(algorithm)) {
            throw new IllegalArgumentException("the model channel holds a " + prev.algorithm() + " model; a " + algorithm
                    + " job can only warm-start from a " + algorithm + " model");
        }
        EmbeddingTable pe = EmbeddingFiles.read(prev.file("entity_embeddings.bin"));
        EmbeddingTable pr = EmbeddingFiles.read(prev.file("relation_embeddings.bin"));
        if (pe.dim() != ent.dim() || pr.dim() != rel.dim()) {
            throw new IllegalArgumentException("the model channel's " + algorithm + " model has entity/relation dimension "
                    + pe.dim() + "/" + pr.dim() + ", this job trains " + algorithm + " with " + ent.dim() + "/" + rel.dim()
                    + " (num-hidden must match the previous model's)");
        }
        int e = copyRows(pe, EmbeddingFiles.readNames(prev.file("entities.tsv")), ds.entities(), ent);
        int r = copyRows(pr, EmbeddingFiles.readNames(prev.file("relations.tsv")), ds.relations(), rel);
        return new Reused(e, r);
    }

    private static int copyRows(EmbeddingTable from, List<String> names, IdMap ids, EmbeddingTable to)
            throws IOException {
        if (names.size() != from.rows()) {
            throw new IOException("the previous model lists " + names.size() + " names for " + from.rows() + " rows");
        }
        int copied = 0;
        for (int p = 0; p < names.size(); p++) {
            int id = ids.idOf(names.get(p));
            if (id >= 0) {
                System.arraycopy(from.data(), from.offset(p), to.data(), to.offset(id), to.dim());
                copied++;
            }
        }
        return copied;
    }
}
