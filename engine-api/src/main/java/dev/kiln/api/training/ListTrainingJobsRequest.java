package dev.kiln.api.training;

import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonInclude;

/** ListTrainingJobs' request. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListTrainingJobsRequest(
        String nextToken,
        Integer maxResults,
        Instant creationTimeAfter,
        Instant creationTimeBefore,
        Instant lastModifiedTimeAfter,
        Instant lastModifiedTimeBefore,
        String nameContains,
        String statusEquals,
        String sortBy,
        String sortOrder,
        String warmPoolStatusEquals,
        String trainingPlanArnEquals) {
}
