package dev.kiln.api.error;

import java.util.List;

/**
 * A rejected request. Constraint violations read as the service writes them:
 * {@code 2 validation errors detected: Value 'x' at 'trainingJobName' failed to satisfy constraint: ...; Value ...}.
 * Semantic rules (for example TrainingImage xor AlgorithmName) carry a plain message.
 */
public final class ValidationException extends KilnApiException {
    private final List<String> errors;

    public ValidationException(String message) {
        super(message);
        this.errors = List.of(message);
    }

    private ValidationException(List<String> errors, String message) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /** One exception for a list of constraint violations, each phrased {@code Value 'v' at 'path' failed to ...}. */
    public static ValidationException ofConstraints(List<String> violations) {
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("no violations");
        }
        int n = violations.size();
        String head = n + " validation error" + (n == 1 ? "" : "s") + " detected: ";
        return new ValidationException(violations, head + String.join("; ", violations));
    }

    /** The individual problems (one entry for a plain message). */
    public List<String> errors() {
        return errors;
    }

    @Override
    public String errorCode() {
        return "ValidationException";
    }
}
