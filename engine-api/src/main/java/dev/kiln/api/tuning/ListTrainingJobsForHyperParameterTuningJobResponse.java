package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** ListTrainingJobsForHyperParameterTuningJob's response. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListTrainingJobsForHyperParameterTuningJobResponse(List<HyperParameterTrainingJobSummary> trainingJobSummaries, String nextToken) {
}
