package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Hyperband's resource bounds, in epochs (MaxResource may come from an epochs static hyperparameter instead). Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperbandStrategyConfig(Integer minResource, Integer maxResource) {
}
