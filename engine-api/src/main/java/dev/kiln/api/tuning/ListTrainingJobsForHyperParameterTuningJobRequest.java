package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** ListTrainingJobsForHyperParameterTuningJob's request; SortBy is Name (default), CreationTime, Status or FinalObjectiveMetricValue. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListTrainingJobsForHyperParameterTuningJobRequest(
        String hyperParameterTuningJobName,
        String nextToken,
        Integer maxResults,
        String statusEquals,
        String sortBy,
        String sortOrder) {
}
