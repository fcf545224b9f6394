package dev.kiln.hpo.tuning;

import dev.kiln.api.tuning.ParameterRanges;
import dev.kiln.hpo.space.CategoricalParameterRange;
import dev.kiln.hpo.space.Configuration;
import dev.kiln.hpo.space.ContinuousParameterRange;
import dev.kiln.hpo.space.IntegerParameterRange;
import dev.kiln.hpo.space.ParameterRange;
import dev.kiln.hpo.space.SearchSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Between the API's ParameterRanges (strings on the wire) and the search core's {@link SearchSpace}. */
final class SearchSpaces {
    private SearchSpaces() {}

    /** The search space of validated ranges: integer, then continuous, then categorical, each in request order. */
    static SearchSpace of(ParameterRanges p) {
        List<ParameterRange> ranges = new ArrayList<>();
        if (p.integerParameterRanges() != null) {
            p.integerParameterRanges().forEach(r -> ranges.add(
                    IntegerParameterRange.parse(r.name(), r.minValue(), r.maxValue(), r.scalingType())));
        }
        if (p.continuousParameterRanges() != null) {
            p.continuousParameterRanges().forEach(r -> ranges.add(
                    ContinuousParameterRange.parse(r.name(), r.minValue(), r.maxValue(), r.scalingType())));
        }
        if (p.categoricalParameterRanges() != null) {
            p.categoricalParameterRanges().forEach(r -> ranges.add(new CategoricalParameterRange(r.name(), r.values())));
        }
        return new SearchSpace(ranges);
    }

    /**
     * The configuration that hyperparameter strings (a trial's tuned values, or a parent's full set) stand
     * for in {@code space}; empty when a hyperparameter is missing, does not parse or lies outside its range.
     */
    static Optional<Configuration> configuration(SearchSpace space, Map<String, String> values) {
        Map<String, Object> parsed = new LinkedHashMap<>();
        for (ParameterRange r : space.ranges()) {
            String text = values.get(r.name());
            if (text == null) {
                return Optional.empty();
            }
            try {
                Object v;
                if (r instanceof IntegerParameterRange) {
                    v = Long.parseLong(text.trim());
                } else if (r instanceof ContinuousParameterRange) {
                    v = Double.parseDouble(text.trim());
                } else {
                    v = text;
                }
                parsed.put(r.name(), v);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        Configuration c = new Configuration(parsed);
        return space.contains(c) ? Optional.of(c) : Optional.empty();
    }
}
