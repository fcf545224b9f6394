package dev.kiln.api.validation;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.MetricDefinition;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.HyperParameterTrainingJobDefinition;
import dev.kiln.api.tuning.HyperParameterTuningJobObjective;
import dev.kiln.api.tuning.HyperParameterTuningResourceConfig;
import dev.kiln.api.tuning.ParameterRanges;
import dev.kiln.api.tuning.TuningDefinitions;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The rules of CreateHyperParameterTuningJob that span members, checked after the shape constraints:
 * definitions, objectives, ranges, limits and the strategy's own rules ({@link StrategyRules}). Each
 * failure is a plain ValidationException naming the fields involved.
 */
final class TuningJobSemantics {
    static final int MAX_TUNABLE_RANGES = 30;
    static final int MAX_ENVIRONMENT_ENTRIES = 48;

    private TuningJobSemantics() {}

    static void check(CreateHyperParameterTuningJobRequest r, Function<String, Collection<String>> algorithmMetrics) {
        definitions(r);
        boolean autotune = r.autotune() != null;
        List<HyperParameterTrainingJobDefinition> defs = TuningDefinitions.of(r);
        String type = null;
        int ranges = 0;
        int environment = 0;
        for (int i = 0; i < defs.size(); i++) {
            HyperParameterTrainingJobDefinition d = defs.get(i);
            String where = TuningDefinitions.label(r, i);
            HyperParameterTuningJobObjective objective = objective(r, d, where);
            if (type != null && !type.equals(objective.type())) {
                throw new ValidationException("Every training job definition of a tuning job must have the same objective "
                        + "Type; " + where + " has " + objective.type() + ", an earlier one has " + type + ".");
            }
            type = objective.type();
            ParameterRanges p = ranges(r, d, where);
            if (!autotune && p != null && p.autoParameters() != null && !p.autoParameters().isEmpty()) {
                throw new ValidationException(where + ": AutoParameters are used only by Autotune; set Autotune.Mode to "
                        + "Enabled or give explicit ranges.");
            }
            ParameterRangeRules.check(where, p, d.staticHyperParameters());
            int tunable = TuningDefinitions.tunableCount(p);
            int auto = p == null || p.autoParameters() == null ? 0 : p.autoParameters().size();
            if (tunable + auto == 0) {
                throw new ValidationException(where + ": a tuning job needs at least one hyperparameter range to search "
                        + "(IntegerParameterRanges, ContinuousParameterRanges or CategoricalParameterRanges).");
            }
            ranges += tunable;
            environment += d.environment() == null ? 0 : d.environment().size();
            resources(d, where);
            TrainingJobSemantics.check(d.toTrainingJobRequest("tuning-validation", d.staticHyperParameters(), r.tags()));
            objectiveIsAMetric(d, objective, where, algorithmMetrics);
            TrainingJobValidator.rejectCredentials("StaticHyperParameters", d.staticHyperParameters());
            TrainingJobValidator.rejectCredentials("Environment", d.environment());
        }
        if (ranges > MAX_TUNABLE_RANGES) {
            throw new ValidationException("The tuning job has " + ranges + " hyperparameter ranges; the maximum is "
                    + MAX_TUNABLE_RANGES + " (integer, continuous and categorical ranges of all definitions together).");
        }
        if (environment > MAX_ENVIRONMENT_ENTRIES) {
            throw new ValidationException("The training job definitions have " + environment
                    + " Environment entries in total; the maximum is " + MAX_ENVIRONMENT_ENTRIES + ".");
        }
        StrategyRules.check(r);
        warmStartParents(r);
    }

    private static void definitions(CreateHyperParameterTuningJobRequest r) {
        boolean one = r.trainingJobDefinition() != null;
        boolean many = r.trainingJobDefinitions() != null;
        if (one == many) {
            throw new ValidationException("Exactly one of TrainingJobDefinition and TrainingJobDefinitions must be "
                    + "specified; the request has " + (one ? "both." : "neither."));
        }
        if (!many) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < r.trainingJobDefinitions().size(); i++) {
            String name = r.trainingJobDefinitions().get(i).definitionName();
            if (name == null) {
                throw new ValidationException("TrainingJobDefinitions[" + i + "]: DefinitionName is required when a tuning "
                        + "job has a list of TrainingJobDefinitions.");
            }
            if (!names.add(name)) {
                throw new ValidationException("Duplicate DefinitionName '" + name + "' in TrainingJobDefinitions: "
                        + "definition names must be unique.");
            }
        }
    }

    private static HyperParameterTuningJobObjective objective(CreateHyperParameterTuningJobRequest r,
            HyperParameterTrainingJobDefinition d, String where) {
        HyperParameterTuningJobObjective own = d.tuningObjective();
        HyperParameterTuningJobObjective shared = r.hyperParameterTuningJobConfig().hyperParameterTuningJobObjective();
        if (own != null && shared != null && !own.equals(shared)) {
            throw new ValidationException(where + ".TuningObjective differs from "
                    + "HyperParameterTuningJobConfig.HyperParameterTuningJobObjective; specify the objective in one place.");
        }
        HyperParameterTuningJobObjective o = TuningDefinitions.objective(r, d);
        if (o == null) {
            throw new ValidationException(where + " has no objective: specify "
                    + "HyperParameterTuningJobConfig.HyperParameterTuningJobObjective or the definition's TuningObjective.");
        }
        return o;
    }

    private static ParameterRanges ranges(CreateHyperParameterTuningJobRequest r, HyperParameterTrainingJobDefinition d,
            String where) {
        ParameterRanges shared = r.hyperParameterTuningJobConfig().parameterRanges();
        if (d.hyperParameterRanges() != null && shared != null && !Objects.equals(d.hyperParameterRanges(), shared)) {
            throw new ValidationException(where + ".HyperParameterRanges differs from "
                    + "HyperParameterTuningJobConfig.ParameterRanges; specify the ranges in one place.");
        }
        return TuningDefinitions.ranges(r, d);
    }

    private static void objectiveIsAMetric(HyperParameterTrainingJobDefinition d, HyperParameterTuningJobObjective o,
            String where, Function<String, Collection<String>> algorithmMetrics) {
        Set<String> names = new HashSet<>();
        List<MetricDefinition> defs = d.algorithmSpecification().metricDefinitions();
        if (defs != null) {
            defs.forEach(m -> names.add(m.name()));
        }
        String algorithm = d.algorithmSpecification().algorithmName();
        if (algorithm != null) {
            Collection<String> builtIn = algorithmMetrics == null ? null : algorithmMetrics.apply(algorithm);
            if (builtIn == null) {
                return; // unknown here; the engine checks the algorithm when it plans the first trial
            }
            names.addAll(builtIn);
        }
        if (!names.contains(o.metricName())) {
            throw new ValidationException(where + ": the objective metric '" + o.metricName() + "' is not one of the "
                    + "definition's metrics " + names.stream().sorted().toList() + "; add a MetricDefinition for it to "
                    + "AlgorithmSpecification.MetricDefinitions.");
        }
    }

    private static void resources(HyperParameterTrainingJobDefinition d, String where) {
        HyperParameterTuningResourceConfig h = d.hyperParameterTuningResourceConfig();
        if ((d.resourceConfig() == null) == (h == null)) {
            throw new ValidationException(where + ": exactly one of ResourceConfig and HyperParameterTuningResourceConfig "
                    + "must be specified; the definition has " + (h == null ? "neither." : "both."));
        }
        if (h == null) {
            return;
        }
        boolean configs = h.instanceConfigs() != null && !h.instanceConfigs().isEmpty();
        boolean single = h.instanceType() != null || h.instanceCount() != null || h.volumeSizeInGB() != null;
        if (configs && single) {
            throw new ValidationException(where + ".HyperParameterTuningResourceConfig: do not combine InstanceConfigs "
                    + "with InstanceType, InstanceCount or VolumeSizeInGB.");
        }
        if (!configs && (h.instanceType() == null || h.instanceCount() == null || h.volumeSizeInGB() == null)) {
            throw new ValidationException(where + ".HyperParameterTuningResourceConfig needs InstanceType, InstanceCount "
                    + "and VolumeSizeInGB, or InstanceConfigs.");
        }
    }

    private static void warmStartParents(CreateHyperParameterTuningJobRequest r) {
        if (r.warmStartConfig() == null) {
            return;
        }
        Set<String> seen = new HashSet<>();
        r.warmStartConfig().parentHyperParameterTuningJobs().forEach(p -> {
            if (p.hyperParameterTuningJobName() == null) {
                throw new ValidationException("WarmStartConfig.ParentHyperParameterTuningJobs: every parent needs a "
                        + "HyperParameterTuningJobName.");
            }
            if (!seen.add(p.hyperParameterTuningJobName().toLowerCase(java.util.Locale.ROOT))) {
                throw new ValidationException("Duplicate parent tuning job '" + p.hyperParameterTuningJobName()
                        + "' in WarmStartConfig.ParentHyperParameterTuningJobs.");
            }
            if (p.hyperParameterTuningJobName().equalsIgnoreCase(r.hyperParameterTuningJobName())) {
                throw new ValidationException("A tuning job cannot warm start from itself.");
            }
        });
    }

}
