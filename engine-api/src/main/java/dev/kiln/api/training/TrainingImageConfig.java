package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Private-registry access for the training image. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingImageConfig(String trainingRepositoryAccessMode, TrainingRepositoryAuthConfig trainingRepositoryAuthConfig) {
}
