package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** DescribeHyperParameterTuningJob's request. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DescribeHyperParameterTuningJobRequest(String hyperParameterTuningJobName) {
}
