package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One instance choice of HyperParameterTuningResourceConfig. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterTuningInstanceConfig(String instanceType, Integer instanceCount, Integer volumeSizeInGB) {
}
