package dev.kiln.hpo.space;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One point of a search space: a value per hyperparameter, in the space's order. Integer values are
 * {@link Long}, continuous values {@link Double} and categorical values {@link String}.
 */
public record Configuration(Map<String, Object> values) {

    public Configuration {
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Object v = e.getValue();
            if (!(v instanceof Long || v instanceof Double || v instanceof String)) {
                throw new IllegalArgumentException("value of '" + e.getKey() + "' must be Long, Double or String: " + v);
            }
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of an integer hyperparameter. */
    public long integer(String name) {
        return (Long) value(name);
    }

    /** The value of a continuous hyperparameter. */
    public double continuous(String name) {
        return (Double) value(name);
    }

    /** The value of a categorical hyperparameter. */
    public String categorical(String name) {
        return (String) value(name);
    }

    /** The raw value, whichever its type. */
    public Object value(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new NoSuchElementException("no hyperparameter named '" + name + "'");
        }
        return v;
    }

    /** The values as the strings a training job receives in {@code HyperParameters} (see {@link ValueFormat}). */
    public Map<String, String> hyperParameters() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((name, v) -> out.put(name, format(v)));
        return Collections.unmodifiableMap(out);
    }

    private static String format(Object v) {
        if (v instanceof Long l) {
            return ValueFormat.integer(l);
        }
        if (v instanceof Double d) {
            return ValueFormat.continuous(d);
        }
        return (String) v;
    }

    @Override
    public String toString() {
        return hyperParameters().toString();
    }
}
