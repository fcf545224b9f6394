package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A hyperparameter for Autotune to range over, with an example value. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AutoParameter(String name, String valueHint) {
}
