package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How a tuning job searches: strategy, objective, limits, ranges, early stopping, completion criteria and seed. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterTuningJobConfig(
        String strategy,
        HyperParameterTuningJobStrategyConfig strategyConfig,
        HyperParameterTuningJobObjective hyperParameterTuningJobObjective,
        ResourceLimits resourceLimits,
        ParameterRanges parameterRanges,
        String trainingJobEarlyStoppingType,
        TuningJobCompletionCriteria tuningJobCompletionCriteria,
        Integer randomSeed) {
}
