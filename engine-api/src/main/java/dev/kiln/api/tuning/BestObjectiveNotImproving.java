package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** End the tuning job after this many training jobs in a row fail to improve the best objective by more than 1%. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BestObjectiveNotImproving(Integer maxNumberOfTrainingJobsNotImproving) {
}
