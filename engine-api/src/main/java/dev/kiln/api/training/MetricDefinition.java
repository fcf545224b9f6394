package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A named regular expression over the job's log lines; its first group is the value. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricDefinition(String name, String regex) {
}
