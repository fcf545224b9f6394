package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The metric a tuning job optimises and in which direction ({@code Minimize} or {@code Maximize}). Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterTuningJobObjective(String type, String metricName) {
}
