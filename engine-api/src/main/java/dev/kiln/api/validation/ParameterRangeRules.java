package dev.kiln.api.validation;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.tuning.AutoParameter;
import dev.kiln.api.tuning.CategoricalParameterRange;
import dev.kiln.api.tuning.ContinuousParameterRange;
import dev.kiln.api.tuning.IntegerParameterRange;
import dev.kiln.api.tuning.ParameterRanges;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The service's rules for one definition's hyperparameter ranges: bounds that parse and are ordered,
 * Logarithmic only above 0, ReverseLogarithmic only for continuous ranges inside [0, 1), distinct
 * names and categories, no name both static and tunable, at most 100 static plus tunable.
 */
final class ParameterRangeRules {
    static final int MAX_STATIC_PLUS_TUNABLE = 100;

    private ParameterRangeRules() {}

    static void check(String where, ParameterRanges p, Map<String, String> statics) {
        Set<String> names = new HashSet<>();
        int tunable = 0;
        if (p != null) {
            if (p.integerParameterRanges() != null) {
                for (IntegerParameterRange r : p.integerParameterRanges()) {
                    name(where, names, statics, r.name());
                    integer(where, r);
                    tunable++;
                }
            }
            if (p.continuousParameterRanges() != null) {
                for (ContinuousParameterRange r : p.continuousParameterRanges()) {
                    name(where, names, statics, r.name());
                    continuous(where, r);
                    tunable++;
                }
            }
            if (p.categoricalParameterRanges() != null) {
                for (CategoricalParameterRange r : p.categoricalParameterRanges()) {
                    name(where, names, statics, r.name());
                    if (new HashSet<>(r.values()).size() != r.values().size()) {
                        throw new ValidationException(where + ": the Values of categorical hyperparameter '" + r.name()
                                + "' must be distinct.");
                    }
                    tunable++;
                }
            }
            if (p.autoParameters() != null) {
                for (AutoParameter a : p.autoParameters()) {
                    name(where, names, statics, a.name());
                    tunable++;
                }
            }
        }
        int total = tunable + (statics == null ? 0 : statics.size());
        if (total > MAX_STATIC_PLUS_TUNABLE) {
            throw new ValidationException(where + ": the number of static plus tunable hyperparameters (" + total
                    + ") exceeds the maximum of " + MAX_STATIC_PLUS_TUNABLE + ".");
        }
    }

    private static void name(String where, Set<String> names, Map<String, String> statics, String name) {
        if (!names.add(name)) {
            throw new ValidationException(where + ": hyperparameter '" + name + "' is defined by more than one range.");
        }
        if (statics != null && statics.containsKey(name)) {
            throw new ValidationException(where + ": hyperparameter '" + name
                    + "' is both a static hyperparameter and a tunable one; it can be only one of them.");
        }
    }

    private static void integer(String where, IntegerParameterRange r) {
        long min = parseLong(where, r.name(), "MinValue", r.minValue());
        long max = parseLong(where, r.name(), "MaxValue", r.maxValue());
        ordered(where, r.name(), r.minValue(), r.maxValue(), min <= max);
        if ("ReverseLogarithmic".equals(r.scalingType())) {
            throw new ValidationException(where + ": ReverseLogarithmic scaling is not supported for integer hyperparameter '"
                    + r.name() + "'; it works only for continuous ranges that are entirely within 0<=x<1.0.");
        }
        logarithmic(where, r.name(), r.scalingType(), min);
    }

    private static void continuous(String where, ContinuousParameterRange r) {
        double min = parseDouble(where, r.name(), "MinValue", r.minValue());
        double max = parseDouble(where, r.name(), "MaxValue", r.maxValue());
        ordered(where, r.name(), r.minValue(), r.maxValue(), min <= max);
        logarithmic(where, r.name(), r.scalingType(), min);
        if ("ReverseLogarithmic".equals(r.scalingType()) && !(min >= 0 && max < 1)) {
            throw new ValidationException(where + ": ReverseLogarithmic scaling for hyperparameter '" + r.name()
                    + "' works only for ranges that are entirely within the range 0<=x<1.0 (got " + r.minValue() + " to "
                    + r.maxValue() + ").");
        }
    }

    private static void logarithmic(String where, String name, String scaling, double min) {
        if ("Logarithmic".equals(scaling) && !(min > 0)) {
            throw new ValidationException(where + ": Logarithmic scaling for hyperparameter '" + name
                    + "' works only for ranges that have only values greater than 0.");
        }
    }

    private static void ordered(String where, String name, String min, String max, boolean ok) {
        if (!ok) {
            throw new ValidationException(where + ": for hyperparameter '" + name + "', MinValue (" + min
                    + ") must be less than or equal to MaxValue (" + max + ").");
        }
    }

    private static long parseLong(String where, String name, String field, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException(where + ": " + field + " '" + text + "' of integer hyperparameter '" + name
                    + "' is not an integer.");
        }
    }

    private static double parseDouble(String where, String name, String field, String text) {
        double v;
        try {
            v = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v)) {
            throw new ValidationException(where + ": " + field + " '" + text + "' of continuous hyperparameter '" + name
                    + "' is not a finite number.");
        }
        return v;
    }
}
