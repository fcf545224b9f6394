package dev.kiln.api.training;

import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One step of the job's progress. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SecondaryStatusTransition(
        String status,
        Instant startTime,
        Instant endTime,
        String statusMessage) {
}
