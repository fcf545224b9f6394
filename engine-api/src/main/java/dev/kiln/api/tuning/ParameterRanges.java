package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The hyperparameters a tuning job searches, by kind; AutoParameters are hints for Autotune. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParameterRanges(
        List<IntegerParameterRange> integerParameterRanges,
        List<ContinuousParameterRange> continuousParameterRanges,
        List<CategoricalParameterRange> categoricalParameterRanges,
        List<AutoParameter> autoParameters) {
}
