package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** SageMaker Experiments association. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentConfig(
        String experimentName,
        String trialName,
        String trialComponentDisplayName,
        String runName) {
}
