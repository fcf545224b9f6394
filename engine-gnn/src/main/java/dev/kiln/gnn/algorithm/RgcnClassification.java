package dev.kiln.gnn.algorithm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.gnn.data.IdMap;
import dev.kiln.gnn.data.NodeLabels;
import dev.kiln.gnn.rgcn.ClassMetrics;
import dev.kiln.gnn.rgcn.NodeLoss;
import dev.kiln.gnn.rgcn.NodeObjective;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * RGCN node classification: softmax cross-entropy over the train labels; accuracy, macro F1 and
 * validation loss per epoch; the best epoch has the highest validation accuracy (ties: lower loss).
 * Writes {@code predictions.tsv} ({@code entity<TAB>predicted<TAB>probability}) and {@code classes.tsv}.
 */
final class RgcnClassification implements NodeTask {
    private final NodeLabels labels;
    private final int classes;

    RgcnClassification(NodeLabels labels) {
        this.labels = labels;
        this.classes = labels.classes().size();
    }

    @Override
    public String modelJsonTask() {
        return "node-classification";
    }

    @Override
    public int outputs() {
        return classes;
    }

    @Override
    public NodeObjective objective() {
        return NodeObjective.classification(labels.train(), classes);
    }

    @Override
    public int trainSize() {
        return labels.train().size();
    }

    @Override
    public int validationSize() {
        return labels.validation().size();
    }

    @Override
    public int testSize() {
        return labels.test().size();
    }

    @Override
    public String describe() {
        return String.format("%d classes, %d/%d/%d train/validation/test labels", classes, labels.train().size(),
                labels.validation().size(), labels.test().size());
    }

    @Override
    public double reportedLoss(double objectiveLoss) {
        return objectiveLoss;
    }

    @Override
    public void emitTrain(AlgorithmContext ctx, double[] out, int epoch) {
        ctx.metrics().emit("train:accuracy", metrics(out, labels.train()).accuracy(), epoch);
    }

    @Override
    public Score validate(AlgorithmContext ctx, double[] out, int epoch) {
        NodeLabels.Split va = labels.validation();
        double loss = NodeLoss.crossEntropy(out, classes, va.nodes(), va.labels(), null);
        ClassMetrics m = metrics(out, va);
        ctx.metrics().emit("validation:loss", loss, epoch);
        ctx.metrics().emit("validation:accuracy", m.accuracy(), epoch);
        ctx.metrics().emit("validation:f1", m.macroF1(), epoch);
        return new Score(m.accuracy(), loss);
    }

    @Override
    public String criterion(double bestScore) {
        return String.format("validation accuracy (best %.4f)", bestScore);
    }

    @Override
    public ObjectNode test(AlgorithmContext ctx, double[] out) {
        ClassMetrics test = metrics(out, labels.test());
        ctx.metrics().emit("test:accuracy", test.accuracy());
        ctx.metrics().emit("test:f1", test.macroF1());
        ObjectNode t = new ObjectMapper().createObjectNode();
        t.put("accuracy", test.accuracy());
        t.put("f1", test.macroF1());
        t.put("count", test.count());
        return t;
    }

    @Override
    public void writeOutputs(Path dir, IdMap entities, double[] logits) throws IOException {
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
        EmbeddingFiles.writeNames(dir.resolve("classes.tsv"), labels.classes().names());
    }

    @Override
    public void describe(ObjectNode m, double bestScore, boolean hasBest) {
        m.put("numClasses", classes);
        if (hasBest) {
            m.put("bestValidationAccuracy", bestScore);
        }
    }

    @Override
    public List<String> classNames() {
        return labels.classes().names();
    }

    private ClassMetrics metrics(double[] logits, NodeLabels.Split split) {
        return ClassMetrics.of(NodeLoss.argmax(logits, classes), split.nodes(), split.labels(), classes);
    }
}
