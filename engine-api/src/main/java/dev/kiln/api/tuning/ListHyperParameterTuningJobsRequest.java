package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** ListHyperParameterTuningJobs' request. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListHyperParameterTuningJobsRequest(
        String nextToken,
        Integer maxResults,
        String sortBy,
        String sortOrder,
        String nameContains,
        Instant creationTimeAfter,
        Instant creationTimeBefore,
        Instant lastModifiedTimeAfter,
        Instant lastModifiedTimeBefore,
        String statusEquals) {
}
