package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where the model archive was written. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelArtifacts(String s3ModelArtifacts) {
}
