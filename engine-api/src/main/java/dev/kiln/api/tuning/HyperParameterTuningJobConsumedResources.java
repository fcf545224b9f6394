package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What a tuning job has used so far: its run time in seconds. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterTuningJobConsumedResources(Integer runtimeInSeconds) {
}
