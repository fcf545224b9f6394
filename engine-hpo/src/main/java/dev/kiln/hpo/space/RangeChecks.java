package dev.kiln.hpo.space;

import dev.kiln.api.error.ValidationException;

/** Validation shared by the range records; messages name the range so a request with many ranges stays readable. */
final class RangeChecks {
    private RangeChecks() {
    }

    static void checkName(String kind, String name) {
        if (name == null) {
            throw new ValidationException(kind + " Name must not be null");
        }
        if (name.length() > ParameterRange.MAX_TEXT_LENGTH) {
            throw new ValidationException("Value '" + name + "' at '" + kind + ".name' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + ParameterRange.MAX_TEXT_LENGTH);
        }
    }

    static void checkOrdered(String kind, String name, String min, String max, boolean ordered) {
        if (!ordered) {
            throw new ValidationException(kind + " '" + name + "': MinValue " + min
                    + " must be less than or equal to MaxValue " + max);
        }
    }

    static void checkLogarithmic(String kind, String name, ScalingType type, double min) {
        if (type == ScalingType.LOGARITHMIC && !(min > 0)) {
            throw new ValidationException(kind + " '" + name
                    + "': Logarithmic scaling works only for ranges that have only values greater than 0");
        }
    }

    static long parseLong(String kind, String name, String field, String text) {
        try {
            return Long.parseLong(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException(kind + " '" + name + "': " + field + " '" + text + "' is not an integer");
        }
    }

    static double parseDouble(String kind, String name, String field, String text) {
        double value;
        try {
            value = Double.parseDouble(text == null ? "" : text.trim());
        } catch (NumberFormatException e) {
            throw new ValidationException(kind + " '" + name + "': " + field + " '" + text + "' is not a number");
        }
        if (!Double.isFinite(value)) {
            throw new ValidationException(kind + " '" + name + "': " + field + " '" + text + "' is not finite");
        }
        return value;
    }
}
