package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Checkpoint directory and its S3 mirror. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckpointConfig(String s3Uri, String localPath) {
}
