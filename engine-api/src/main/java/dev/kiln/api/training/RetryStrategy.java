package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Retries after infrastructure failures. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetryStrategy(Integer maximumRetryAttempts) {
}
