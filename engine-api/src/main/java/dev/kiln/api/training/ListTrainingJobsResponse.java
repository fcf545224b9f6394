package dev.kiln.api.training;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;

/** ListTrainingJobs' response. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListTrainingJobsResponse(List<TrainingJobSummary> trainingJobSummaries, String nextToken) {
}
