package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Whether the tuning job ends when its search has converged ({@code Enabled} or {@code Disabled}). Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConvergenceDetected(String completeOnConvergence) {
}
