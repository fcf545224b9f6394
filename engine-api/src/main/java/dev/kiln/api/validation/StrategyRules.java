package dev.kiln.api.validation;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.tuning.CategoricalParameterRange;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.HyperParameterTrainingJobDefinition;
import dev.kiln.api.tuning.HyperParameterTuningJobConfig;
import dev.kiln.api.tuning.HyperbandStrategyConfig;
import dev.kiln.api.tuning.ParameterRanges;
import dev.kiln.api.tuning.TuningDefinitions;
import java.util.List;

/**
 * The rules of each search strategy: Grid searches categorical ranges only and runs every combination
 * once; Hyperband does its own early stopping and needs a MaxResource; StrategyConfig belongs to
 * Hyperband; every other strategy needs MaxNumberOfTrainingJobs (Autotune may choose it).
 */
final class StrategyRules {
    /** The service's ceiling for Hyperband's MaxResource, in epochs. */
    static final int MAX_HYPERBAND_RESOURCE = 20_000;

    private StrategyRules() {}

    static void check(CreateHyperParameterTuningJobRequest r) {
        HyperParameterTuningJobConfig k = r.hyperParameterTuningJobConfig();
        String strategy = k.strategy();
        boolean autotune = r.autotune() != null;
        Integer max = k.resourceLimits().maxNumberOfTrainingJobs();
        HyperbandStrategyConfig hb = k.strategyConfig() == null ? null : k.strategyConfig().hyperbandStrategyConfig();
        if (k.strategyConfig() != null && !"Hyperband".equals(strategy)) {
            throw new ValidationException("StrategyConfig can be specified only when Strategy is Hyperband (Strategy is "
                    + strategy + ").");
        }
        switch (strategy) {
            case "Grid" -> grid(r, max, autotune);
            case "Hyperband" -> hyperband(r, hb);
            default -> { }
        }
        if (max == null && !"Grid".equals(strategy) && !autotune) {
            throw new ValidationException("ResourceLimits.MaxNumberOfTrainingJobs is required for the " + strategy
                    + " strategy (only Grid, which runs every combination once, and Autotune can leave it out).");
        }
    }

    private static void grid(CreateHyperParameterTuningJobRequest r, Integer max, boolean autotune) {
        long combinations = 0;
        for (HyperParameterTrainingJobDefinition d : TuningDefinitions.of(r)) {
            ParameterRanges p = TuningDefinitions.ranges(r, d);
            boolean numeric = p != null && (nonEmpty(p.integerParameterRanges()) || nonEmpty(p.continuousParameterRanges()));
            if (numeric || (!autotune && p != null && nonEmpty(p.autoParameters()))) {
                throw new ValidationException("The Grid strategy supports only categorical hyperparameters: remove the "
                        + "IntegerParameterRanges and ContinuousParameterRanges or choose another Strategy.");
            }
            if (autotune && p != null && nonEmpty(p.autoParameters())) {
                return; // Autotune resolves the ranges first; the combinations are counted on the resolved request
            }
            long product = 1;
            if (p != null && p.categoricalParameterRanges() != null) {
                for (CategoricalParameterRange c : p.categoricalParameterRanges()) {
                    // Capped so that absurd grids report a huge count instead of overflowing.
                    product = Math.min(Long.MAX_VALUE / 64, product * c.values().size());
                }
            }
            combinations += product;
        }
        if (max != null && max != combinations) {
            throw new ValidationException("With the Grid strategy, ResourceLimits.MaxNumberOfTrainingJobs (" + max
                    + ") must equal the number of combinations of the categorical values (" + combinations
                    + "), or be left out.");
        }
    }

    private static void hyperband(CreateHyperParameterTuningJobRequest r, HyperbandStrategyConfig hb) {
        String early = r.hyperParameterTuningJobConfig().trainingJobEarlyStoppingType();
        if (early != null && !"Off".equals(early)) {
            throw new ValidationException("The Hyperband strategy has its own early stopping: "
                    + "TrainingJobEarlyStoppingType must be Off (it is " + early + ").");
        }
        int min = hb == null || hb.minResource() == null ? 1 : hb.minResource();
        for (int i = 0; i < TuningDefinitions.of(r).size(); i++) {
            HyperParameterTrainingJobDefinition d = TuningDefinitions.of(r).get(i);
            Integer max = hb != null && hb.maxResource() != null ? hb.maxResource()
                    : TuningDefinitions.epochsFromStatic(d.staticHyperParameters()).orElse(null);
            if (max == null) {
                throw new ValidationException(TuningDefinitions.label(r, i) + ": Hyperband could not infer MaxResource. "
                        + "Set HyperbandStrategyConfig.MaxResource, or a static hyperparameter named one of "
                        + TuningDefinitions.EPOCH_KEYS + " to the number of epochs.");
            }
            if (max < 1 || max > MAX_HYPERBAND_RESOURCE) {
                throw new ValidationException("Hyperband's MaxResource (" + max + ") must be between 1 and "
                        + MAX_HYPERBAND_RESOURCE + " epochs.");
            }
            if (min > max) {
                throw new ValidationException("Hyperband's MinResource (" + min + ") must not exceed MaxResource (" + max
                        + ").");
            }
        }
    }

    private static boolean nonEmpty(List<?> l) {
        return l != null && !l.isEmpty();
    }
}
