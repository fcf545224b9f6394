package dev.kiln.runtime.metrics;

import java.time.Instant;
import java.util.Objects;

/** One scraped value of a metric, stamped with the time its log line was read. */
public record MetricPoint(String name, double value, Instant timestamp) {
    public MetricPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
