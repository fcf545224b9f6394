package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Serverless model customization. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ServerlessJobConfig(
        String baseModelArn,
        Boolean acceptEula,
        String jobType,
        String customizationTechnique,
        String peft,
        String evaluationType,
        String evaluatorArn) {
}
