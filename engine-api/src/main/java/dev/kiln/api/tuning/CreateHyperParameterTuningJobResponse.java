package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** CreateHyperParameterTuningJob's response. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateHyperParameterTuningJobResponse(String hyperParameterTuningJobArn) {
}
