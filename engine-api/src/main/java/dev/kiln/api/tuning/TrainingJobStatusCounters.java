package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How many of a tuning job's training jobs are in each state; failures split into retryable (infrastructure) and non-retryable (algorithm or client) errors. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJobStatusCounters(Integer completed, Integer inProgress, Integer retryableError, Integer nonRetryableError, Integer stopped) {
}
