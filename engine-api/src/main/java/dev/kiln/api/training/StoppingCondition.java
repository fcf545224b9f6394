package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Time limits. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoppingCondition(Integer maxRuntimeInSeconds, Integer maxWaitTimeInSeconds, Integer maxPendingTimeInSeconds) {
}
