package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Where model and output artifacts go. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutputDataConfig(String kmsKeyId, String s3OutputPath, String compressionType) {
}
