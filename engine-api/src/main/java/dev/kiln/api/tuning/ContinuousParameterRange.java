package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A real-valued hyperparameter's range; bounds are strings on the wire, as in the service. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContinuousParameterRange(String name, String minValue, String maxValue, String scalingType) {
}
