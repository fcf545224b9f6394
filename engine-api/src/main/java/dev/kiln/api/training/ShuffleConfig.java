package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Shuffles S3 keys per epoch. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShuffleConfig(Long seed) {
}
