package dev.kiln.gnn.algorithm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.gnn.data.IdMap;
import dev.kiln.gnn.data.NodeTargets;
import dev.kiln.gnn.rgcn.NodeObjective;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * RGCN node regression: one output per node, mean squared error against the train targets standardised
 * with the train split's mean and standard deviation (so the learning rate does not depend on the
 * target's unit); every reported metric and prediction is in the original unit. The best epoch has the
 * lowest validation RMSE (ties: lower MAE). Writes {@code predictions.tsv} ({@code entity<TAB>predicted}).
 */
final class RgcnRegression implements NodeTask {
    private final NodeTargets targets;
    private final double mean;
    private final double std;

    RgcnRegression(NodeTargets targets) {
        this.targets = targets;
        double[] y = targets.train().values();
        double m = 0;
        for (double v : y) {
            m += v;
        }
        m /= y.length;
        double var = 0;
        for (double v : y) {
            var += (v - m) * (v - m);
        }
        double sd = Math.sqrt(var / y.length);
        this.mean = m;
        this.std = sd > 1e-12 ? sd : 1; // a constant target: predict it, no scaling
    }

    @Override
    public String modelJsonTask() {
        return RgcnHyperParameters.NODE_REGRESSION;
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public NodeObjective objective() {
        double[] y = targets.train().values();
        double[] z = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            z[k] = (y[k] - mean) / std;
        }
        return NodeObjective.regression(targets.train().nodes(), z);
    }

    @Override
    public int trainSize() {
        return targets.train().size();
    }

    @Override
    public int validationSize() {
        return targets.validation().size();
    }

    @Override
    public int testSize() {
        return targets.test().size();
    }

    @Override
    public String describe() {
        return String.format("node regression (train mean %.6g, sd %.6g), %d/%d/%d train/validation/test values", mean,
                std, targets.train().size(), targets.validation().size(), targets.test().size());
    }

    @Override
    public double reportedLoss(double objectiveLoss) {
        return objectiveLoss * std * std;
    }

    @Override
    public void emitTrain(AlgorithmContext ctx, double[] out, int epoch) {
        ctx.metrics().emit("train:rmse", errors(out, targets.train())[0], epoch);
    }

    @Override
    public Score validate(AlgorithmContext ctx, double[] out, int epoch) {
        double[] e = errors(out, targets.validation());
        ctx.metrics().emit("validation:rmse", e[0], epoch);
        ctx.metrics().emit("validation:mae", e[1], epoch);
        return new Score(-e[0], e[1]);
    }

    @Override
    public String criterion(double bestScore) {
        return String.format("validation RMSE (best %.6g)", -bestScore);
    }

    @Override
    public ObjectNode test(AlgorithmContext ctx, double[] out) {
        double[] e = errors(out, targets.test());
        ctx.metrics().emit("test:rmse", e[0]);
        ctx.metrics().emit("test:mae", e[1]);
        ObjectNode t = new ObjectMapper().createObjectNode();
        t.put("rmse", e[0]);
        t.put("mae", e[1]);
        t.put("count", targets.test().size());
        return t;
    }

    @Override
    public void writeOutputs(Path dir, IdMap entities, double[] out) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("predictions.tsv"), StandardCharsets.UTF_8)) {
            w.write("entity\tpredicted\n");
            for (int i = 0; i < entities.size(); i++) {
                w.write(entities.name(i) + "\t" + (float) predicted(out, i) + "\n");
            }
        }
    }

    @Override
    public void describe(ObjectNode m, double bestScore, boolean hasBest) {
        m.put("targetMean", mean);
        m.put("targetStd", std);
        if (hasBest) {
            m.put("bestValidationRmse", -bestScore);
        }
    }

    @Override
    public List<String> classNames() {
        return null;
    }

    private double predicted(double[] out, int node) {
        return mean + std * out[node];
    }

    /** RMSE and MAE of the split, in the target's unit. */
    private double[] errors(double[] out, NodeTargets.Split split) {
        double se = 0, ae = 0;
        for (int k = 0; k < split.size(); k++) {
            double e = predicted(out, split.nodes()[k]) - split.values()[k];
            se += e * e;
            ae += Math.abs(e);
        }
        int n = Math.max(1, split.size());
        return new double[] {Math.sqrt(se / n), ae / n};
    }
}
