package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How many of a tuning job's training jobs yielded an objective value, are still running, or yielded none. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ObjectiveStatusCounters(Integer succeeded, Integer pending, Integer failed) {
}
