package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** StopHyperParameterTuningJob's request (the response is empty). Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StopHyperParameterTuningJobRequest(String hyperParameterTuningJobName) {
}
