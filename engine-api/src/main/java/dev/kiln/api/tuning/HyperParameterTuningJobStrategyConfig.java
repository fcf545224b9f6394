package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Strategy settings; only Hyperband has any. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterTuningJobStrategyConfig(HyperbandStrategyConfig hyperbandStrategyConfig) {
}
