package dev.kiln.api.algorithm;

import dev.kiln.api.training.MetricDefinition;
import java.util.regex.Pattern;

/**
 * Emits metrics in Kiln's fixed line format, {@code #metric NAME=VALUE} (optionally followed by
 * {@code epoch=N}), on the job's log. The line goes through the same regex scraping as any
 * process output, so an in-process algorithm and a script are measured the same way.
 */
public interface MetricEmitter {

    String PREFIX = "#metric ";

    void emit(String name, double value);

    void emit(String name, double value, int epoch);

    /** The line for a value, for example {@code #metric train:loss=0.25 epoch=3}. */
    static String line(String name, double value, Integer epoch) {
        String v = Double.isNaN(value) ? "NaN" : Double.toString(value);
        return PREFIX + name + "=" + v + (epoch == null ? "" : " epoch=" + epoch);
    }

    /** The MetricDefinition that reads {@link #line} for this name. */
    static MetricDefinition definitionFor(String name) {
        return new MetricDefinition(name,
                "^" + Pattern.quote(PREFIX + name + "=") + "([-+]?(?:[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?|NaN|Infinity))");
    }
}
