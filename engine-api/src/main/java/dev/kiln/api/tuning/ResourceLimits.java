package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How many training jobs a tuning job may run, in total and at once, and for how long. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceLimits(Integer maxNumberOfTrainingJobs, Integer maxParallelTrainingJobs, Integer maxRuntimeInSeconds) {
}
