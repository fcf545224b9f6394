package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A training job's final objective value as the tuning job judged it. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FinalHyperParameterTuningJobObjectiveMetric(String type, String metricName, Double value) {
}
