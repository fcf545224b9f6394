package dev.kiln.gnn.algorithm;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads typed values from a job's string hyperparameters, with messages that name the hyperparameter. */
final class HyperParameterValues {
    private HyperParameterValues() {}

    /**
     * Rejects names the algorithm does not know, so a typo does not silently train with a default.
     * SageMaker's own ({@code sagemaker_*}) and Kiln's ({@code _*}, such as {@code _tuning_objective_metric}) pass.
     */
    static void rejectUnknown(Map<String, String> hp, Collection<String> known, String algorithm) {
        Set<String> unknown = new TreeSet<>();
        for (String k : hp.keySet()) {
            if (!known.contains(k) && !k.startsWith("sagemaker_") && !k.startsWith("_")) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown hyperparameters " + unknown + " for " + algorithm + "; known: " + known);
        }
    }

    static int integer(Map<String, String> hp, String name, int dflt, int min) {
        String v = hp.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            int x = Integer.parseInt(v.trim());
            if (x < min) {
                throw new IllegalArgumentException("hyperparameter " + name + " must be at least " + min + ", got " + v);
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter " + name + " must be an integer, got " + v);
        }
    }

    /** A finite number. */
    static double real(Map<String, String> hp, String name, double dflt) {
        return real(hp, name, dflt, Double.NEGATIVE_INFINITY, true);
    }

    /** A finite number at least {@code min} (or above it, when {@code minAllowed} is false). */
    static double real(Map<String, String> hp, String name, double dflt, double min, boolean minAllowed) {
        String v = hp.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            double x = Double.parseDouble(v.trim());
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("hyperparameter " + name + " must be finite, got " + v);
            }
            if (x < min || (!minAllowed && x == min)) {
                throw new IllegalArgumentException("hyperparameter " + name + " must be " + (minAllowed ? ">= " : "> ")
                        + min + ", got " + v);
            }
            return x;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("hyperparameter " + name + " must be a number, got " + v);
        }
    }

    /** One of {@code allowed}, compared in lower case. */
    static String choice(Map<String, String> hp, String name, String dflt, Set<String> allowed) {
        String v = hp.getOrDefault(name, dflt).trim().toLowerCase();
        if (!allowed.contains(v)) {
            throw new IllegalArgumentException("hyperparameter " + name + " must be one of " + new TreeSet<>(allowed)
                    + ", got " + v);
        }
        return v;
    }

    static boolean bool(Map<String, String> hp, String name, boolean dflt) {
        String v = hp.get(name);
        if (v == null) {
            return dflt;
        }
        return switch (v.trim().toLowerCase()) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new IllegalArgumentException("hyperparameter " + name + " must be true or false, got " + v);
        };
    }
}
