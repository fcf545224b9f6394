package dev.kiln.runtime.store;

/** One stored metric value. */
public record MetricRow(String name, long timestampMillis, double value) {
}
