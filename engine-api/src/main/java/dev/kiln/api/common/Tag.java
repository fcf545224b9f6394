package dev.kiln.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A resource tag. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Tag(String key, String value) {
}
