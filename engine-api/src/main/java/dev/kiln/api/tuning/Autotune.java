package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Autotune: {@code Mode} {@code Enabled} lets the engine choose ranges and limits the request leaves open. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Autotune(String mode) {
}
