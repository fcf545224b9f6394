package dev.kiln.gnn.algorithm;

import dev.kiln.gnn.train.LossFunction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hyperparameters of the KGE algorithms, by Neptune ML / DGL-KE names where they exist. Defaults are
 * documented in docs/graph-models.md; unknown names are rejected so a typo does not silently train
 * with a default.
 */
public record KgeHyperParameters(int numHidden, int numEpochs, double lr, String optimizer, int batchSize, int numNegs,
                                 int negChunkSize, double gamma, LossFunction.Kind loss, double regularizationCoef,
                                 int regularizationNorm, double adversarialTemperature, String distance,
                                 int earlyStoppingWindow, int validationMaxTriples, long seed,
                                 boolean filterNegatives, boolean subsamplingWeight, int lrDecayPatience,
                                 double lrDecayFactor) {

    static final List<String> NAMES = List.of("num-hidden", "num-epochs", "lr", "optimizer", "batch-size", "num-negs",
            "neg-chunk-size", "gamma", "loss", "regularization-coef", "regularization-norm", "adversarial-temperature",
            "distance", "early-stopping-window", "validation-max-triples", "seed", "filter-negatives",
            "subsampling-weight", "lr-decay-patience", "lr-decay-factor");

    /** Parses the job's hyperparameters for {@code model} (transe, distmult or rotate). */
    public static KgeHyperParameters parse(String model, Map<String, String> hp) {
        HyperParameterValues.rejectUnknown(hp, NAMES, model);
        String optimizer = HyperParameterValues.choice(hp, "optimizer", "adagrad", Set.of("adagrad", "adam"));
        int numNegs = HyperParameterValues.integer(hp, "num-negs", 128, 1);
        boolean rotate = model.equals("rotate");
        LossFunction.Kind loss = LossFunction.Kind.valueOf(
                HyperParameterValues.choice(hp, "loss", "logistic", Set.of("logistic", "margin", "softmax")).toUpperCase());
        KgeHyperParameters p = new KgeHyperParameters(
                HyperParameterValues.integer(hp, "num-hidden", 200, 1),
                HyperParameterValues.integer(hp, "num-epochs", 20, 1),
                HyperParameterValues.real(hp, "lr", optimizer.equals("adam") ? 0.01 : 0.1, 0, false),
                optimizer,
                HyperParameterValues.integer(hp, "batch-size", 1024, 1),
                numNegs,
                HyperParameterValues.integer(hp, "neg-chunk-size", numNegs, 1),
                HyperParameterValues.real(hp, "gamma", 12.0, 0, true),
                loss,
                HyperParameterValues.real(hp, "regularization-coef", 0.0, 0, true),
                HyperParameterValues.integer(hp, "regularization-norm", 3, 2),
                HyperParameterValues.real(hp, "adversarial-temperature",
                        rotate && loss == LossFunction.Kind.LOGISTIC ? 1.0 : 0.0, 0, true),
                HyperParameterValues.choice(hp, "distance", "l2", Set.of("l1", "l2")),
                HyperParameterValues.integer(hp, "early-stopping-window", 5, 0),
                HyperParameterValues.integer(hp, "validation-max-triples", 0, 0),
                HyperParameterValues.integer(hp, "seed", 0, 0),
                HyperParameterValues.bool(hp, "filter-negatives", false),
                HyperParameterValues.bool(hp, "subsampling-weight", false),
                HyperParameterValues.integer(hp, "lr-decay-patience", 0, 0),
                HyperParameterValues.real(hp, "lr-decay-factor", 0.1, 0, false));
        if (p.regularizationNorm > 3) {
            throw new IllegalArgumentException("regularization-norm must be 2 or 3, got " + p.regularizationNorm);
        }
        if (p.lrDecayFactor >= 1) {
            throw new IllegalArgumentException("hyperparameter lr-decay-factor must be < 1, got " + hp.get("lr-decay-factor"));
        }
        if (p.adversarialTemperature > 0 && loss != LossFunction.Kind.LOGISTIC) {
            // The margin loss has no weights to sharpen, and the softmax loss already weighs each negative by its
            // softmax: a temperature there would be silently ignored.
            throw new IllegalArgumentException("hyperparameter adversarial-temperature applies to loss=logistic only, got "
                    + hp.get("adversarial-temperature") + " with loss=" + loss.name().toLowerCase());
        }
        return p;
    }

    /** The resolved values, defaults included, as written to the model's hyperparameters.json. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("num-hidden", Integer.toString(numHidden));
        m.put("num-epochs", Integer.toString(numEpochs));
        m.put("lr", Double.toString(lr));
        m.put("optimizer", optimizer);
        m.put("batch-size", Integer.toString(batchSize));
        m.put("num-negs", Integer.toString(numNegs));
        m.put("neg-chunk-size", Integer.toString(negChunkSize));
        m.put("gamma", Double.toString(gamma));
        m.put("loss", loss.name().toLowerCase());
        m.put("regularization-coef", Double.toString(regularizationCoef));
        m.put("regularization-norm", Integer.toString(regularizationNorm));
        m.put("adversarial-temperature", Double.toString(adversarialTemperature));
        m.put("distance", distance);
        m.put("early-stopping-window", Integer.toString(earlyStoppingWindow));
        m.put("validation-max-triples", Integer.toString(validationMaxTriples));
        m.put("seed", Long.toString(seed));
        m.put("filter-negatives", Boolean.toString(filterNegatives));
        m.put("subsampling-weight", Boolean.toString(subsamplingWeight));
        m.put("lr-decay-patience", Integer.toString(lrDecayPatience));
        m.put("lr-decay-factor", Double.toString(lrDecayFactor));
        return m;
    }
}
