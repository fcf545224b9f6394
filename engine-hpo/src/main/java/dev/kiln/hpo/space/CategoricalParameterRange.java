package dev.kiln.hpo.space;

import dev.kiln.api.error.ValidationException;

import java.util.HashSet;
import java.util.List;

/** A hyperparameter that takes one of 1 to 30 distinct string values. */
public record CategoricalParameterRange(String name, List<String> values) implements ParameterRange {
    /** The service's limit on {@code Values}. */
    public static final int MAX_VALUES = 30;
    private static final String KIND = "CategoricalParameterRange";

    public CategoricalParameterRange {
        RangeChecks.checkName(KIND, name);
        if (values == null || values.isEmpty() || values.size() > MAX_VALUES) {
            throw new ValidationException(KIND + " '" + name + "': Values must have between 1 and " + MAX_VALUES
                    + " members");
        }
        for (String value : values) {
            if (value == null) {
                throw new ValidationException(KIND + " '" + name + "': Values must not contain null");
            }
            if (value.length() > MAX_TEXT_LENGTH) {
                throw new ValidationException(KIND + " '" + name + "': value longer than " + MAX_TEXT_LENGTH
                        + " characters");
            }
        }
        values = List.copyOf(values);
        // A repeated category would be sampled twice as often and evaluated twice by a grid search.
        if (new HashSet<>(values).size() != values.size()) {
            throw new ValidationException(KIND + " '" + name + "': Values must be distinct");
        }
    }

    @Override
    public int width() {
        return values.size();
    }
}
