package dev.kiln.hpo.tuning;

import dev.kiln.api.common.Tag;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.tuning.HyperParameterTrainingJobDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CreateTrainingJob request of a trial: the definition's settings, its static hyperparameters, the
 * trial's tuned values and {@value #OBJECTIVE_KEY} naming the objective metric (as the service passes
 * it), with the tuning job's tags.
 */
final class TrialRequests {
    /** The reserved hyperparameter naming the objective metric. */
    static final String OBJECTIVE_KEY = "_tuning_objective_metric";
    /** CreateTrainingJob's limit on HyperParameters. */
    private static final int MAX_HYPERPARAMETERS = 100;

    private TrialRequests() {}

    static CreateTrainingJobRequest of(HyperParameterTrainingJobDefinition def, TrialRecord t, String objectiveMetric,
            List<Tag> tags) {
        Map<String, String> hps = new LinkedHashMap<>();
        if (def.staticHyperParameters() != null) {
            hps.putAll(def.staticHyperParameters());
        }
        hps.putAll(t.tunedHyperParameters());
        // A definition may use all 100 hyperparameters; the training job cannot take a 101st, so the
        // objective's name is left out rather than failing every trial.
        if (hps.size() < MAX_HYPERPARAMETERS) {
            hps.put(OBJECTIVE_KEY, objectiveMetric);
        }
        return def.toTrainingJobRequest(t.trainingJobName(), hps, tags);
    }
}
