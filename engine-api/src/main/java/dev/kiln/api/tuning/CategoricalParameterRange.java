package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A hyperparameter that takes one of a list of string values. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CategoricalParameterRange(String name, List<String> values) {
}
