package dev.kiln.hpo.tuning;

import dev.kiln.api.training.RetryStrategy;
import dev.kiln.api.tuning.CategoricalParameterRange;
import dev.kiln.api.tuning.ConvergenceDetected;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.HyperParameterTrainingJobDefinition;
import dev.kiln.api.tuning.HyperParameterTuningJobConfig;
import dev.kiln.api.tuning.ParameterRanges;
import dev.kiln.api.tuning.ResourceLimits;
import dev.kiln.api.tuning.TuningDefinitions;
import dev.kiln.api.tuning.TuningJobCompletionCriteria;
import java.util.ArrayList;
import java.util.List;

/**
 * Autotune ({@code Autotune.Mode = Enabled}): fills in what the request leaves open and keeps every
 * choice it makes explicitly. What it chooses, in order:
 * <ol>
 *   <li>Ranges from AutoParameters' ValueHint ({@link AutoRanges}); the AutoParameters are then dropped.</li>
 *   <li>Strategy: the request's, except Grid over ranges that are not all categorical, which becomes Bayesian.</li>
 *   <li>MaxNumberOfTrainingJobs, when absent: the grid's size for Grid, else 10 per range, between 20 and 500.</li>
 *   <li>MaxRuntimeInSeconds, when absent: 72 hours.</li>
 *   <li>TrainingJobEarlyStoppingType, when absent: Auto (Off under Hyperband, which stops trials itself).</li>
 *   <li>ConvergenceDetected, when no completion criterion is given: Enabled.</li>
 *   <li>RetryStrategy of definitions without one: 2 attempts after infrastructure failures.</li>
 * </ol>
 */
final class Autotune {
    static final int MAX_RUNTIME_SECONDS = 72 * 3600;
    static final int RETRIES = 2;

    private Autotune() {}

    /** The request as Autotune resolves it, and a note per choice made. */
    record Resolution(CreateHyperParameterTuningJobRequest request, List<String> notes) {}

    static Resolution resolve(CreateHyperParameterTuningJobRequest r) {
        List<String> notes = new ArrayList<>();
        if (r.autotune() == null) {
            return new Resolution(r, notes);
        }
        HyperParameterTuningJobConfig k = r.hyperParameterTuningJobConfig();
        ParameterRanges shared = AutoRanges.resolve(k.parameterRanges(), notes);
        List<HyperParameterTrainingJobDefinition> defs = new ArrayList<>();
        for (HyperParameterTrainingJobDefinition d : TuningDefinitions.of(r)) {
            defs.add(definition(d, AutoRanges.resolve(d.hyperParameterRanges(), notes), notes));
        }
        List<ParameterRanges> all = new ArrayList<>();
        defs.forEach(d -> all.add(d.hyperParameterRanges() != null ? d.hyperParameterRanges() : shared));

        String strategy = k.strategy();
        boolean categorical = all.stream().allMatch(p -> p == null
                || (empty(p.integerParameterRanges()) && empty(p.continuousParameterRanges())));
        if ("Grid".equals(strategy) && !categorical) {
            strategy = "Bayesian";
            notes.add("Autotune: Strategy Bayesian instead of Grid, since the ranges are not all categorical");
        }
        ResourceLimits limits = k.resourceLimits();
        Integer maxJobs = limits.maxNumberOfTrainingJobs();
        if (maxJobs == null) {
            maxJobs = "Grid".equals(strategy) ? gridSize(all)
                    : Math.max(20, Math.min(500, 10 * all.stream().mapToInt(TuningDefinitions::tunableCount).sum()));
            notes.add("Autotune: MaxNumberOfTrainingJobs " + maxJobs);
        }
        Integer maxRuntime = limits.maxRuntimeInSeconds();
        if (maxRuntime == null) {
            maxRuntime = MAX_RUNTIME_SECONDS;
            notes.add("Autotune: MaxRuntimeInSeconds " + maxRuntime);
        }
        String early = k.trainingJobEarlyStoppingType();
        if (early == null) {
            early = "Hyperband".equals(strategy) ? "Off" : "Auto";
            notes.add("Autotune: TrainingJobEarlyStoppingType " + early);
        }
        TuningJobCompletionCriteria criteria = k.tuningJobCompletionCriteria();
        if (criteria == null) {
            criteria = new TuningJobCompletionCriteria(null, null, new ConvergenceDetected("Enabled"));
            notes.add("Autotune: ConvergenceDetected Enabled");
        }
        HyperParameterTuningJobConfig config = new HyperParameterTuningJobConfig(strategy, k.strategyConfig(),
                k.hyperParameterTuningJobObjective(),
                new ResourceLimits(maxJobs, limits.maxParallelTrainingJobs(), maxRuntime), shared, early, criteria,
                k.randomSeed());
        boolean many = r.trainingJobDefinitions() != null;
        return new Resolution(new CreateHyperParameterTuningJobRequest(r.hyperParameterTuningJobName(), config,
                many ? null : defs.get(0), many ? defs : null, r.warmStartConfig(), r.tags(), r.autotune()), notes);
    }

    private static HyperParameterTrainingJobDefinition definition(HyperParameterTrainingJobDefinition d, ParameterRanges ranges,
            List<String> notes) {
        RetryStrategy retry = d.retryStrategy();
        if (retry == null) {
            retry = new RetryStrategy(RETRIES);
            notes.add("Autotune: RetryStrategy MaximumRetryAttempts " + RETRIES
                    + (d.definitionName() == null ? "" : " for " + d.definitionName()));
        }
        return new HyperParameterTrainingJobDefinition(d.definitionName(), d.tuningObjective(), ranges,
                d.staticHyperParameters(), d.algorithmSpecification(), d.roleArn(), d.inputDataConfig(), d.vpcConfig(),
                d.outputDataConfig(), d.resourceConfig(), d.hyperParameterTuningResourceConfig(), d.stoppingCondition(),
                d.enableNetworkIsolation(), d.enableInterContainerTrafficEncryption(), d.enableManagedSpotTraining(),
                d.checkpointConfig(), retry, d.environment());
    }

    private static int gridSize(List<ParameterRanges> all) {
        long total = 0;
        for (ParameterRanges p : all) {
            long product = 1;
            for (CategoricalParameterRange c : p == null || p.categoricalParameterRanges() == null
                    ? List.<CategoricalParameterRange>of() : p.categoricalParameterRanges()) {
                product *= c.values().size();
            }
            total += product;
        }
        return (int) Math.min(Integer.MAX_VALUE, total);
    }

    private static boolean empty(List<?> l) {
        return l == null || l.isEmpty();
    }
}
