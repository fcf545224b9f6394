package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** When a tuning job may end before its resource limits. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TuningJobCompletionCriteria(
        Double targetObjectiveMetricValue,
        BestObjectiveNotImproving bestObjectiveNotImproving,
        ConvergenceDetected convergenceDetected) {
}
