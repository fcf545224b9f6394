package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Warm pool state (no local meaning; reported when KeepAlivePeriodInSeconds is set). Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WarmPoolStatus(String status, Integer resourceRetainedBillableTimeInSeconds, String reusedByJob) {
}
