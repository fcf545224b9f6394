package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** Why a tuning job's completion criteria fired: training jobs in a row without improvement, and when convergence was detected. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterTuningJobCompletionDetails(Integer numberOfTrainingJobsObjectiveNotImproving, Instant convergenceDetectedTime) {
}
