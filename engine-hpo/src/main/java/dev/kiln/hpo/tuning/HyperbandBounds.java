package dev.kiln.hpo.tuning;

import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.HyperParameterTrainingJobDefinition;
import dev.kiln.api.tuning.HyperbandStrategyConfig;
import dev.kiln.api.tuning.TuningDefinitions;

/**
 * Hyperband's resource bounds for a definition, as the service infers them: MinResource from
 * HyperbandStrategyConfig (default 1), MaxResource from it or else from the first epochs-like static
 * hyperparameter ({@link TuningDefinitions#EPOCH_KEYS}). The validator has ensured one exists.
 */
final class HyperbandBounds {
    private HyperbandBounds() {}

    /** {@code {MinResource, MaxResource}}. */
    static int[] of(CreateHyperParameterTuningJobRequest r, HyperParameterTrainingJobDefinition d) {
        var strategyConfig = r.hyperParameterTuningJobConfig().strategyConfig();
        HyperbandStrategyConfig hb = strategyConfig == null ? null : strategyConfig.hyperbandStrategyConfig();
        int min = hb == null || hb.minResource() == null ? 1 : hb.minResource();
        int max = hb != null && hb.maxResource() != null ? hb.maxResource()
                : TuningDefinitions.epochsFromStatic(d.staticHyperParameters()).orElseThrow();
        return new int[] {min, max};
    }
}
