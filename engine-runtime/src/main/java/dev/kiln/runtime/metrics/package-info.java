/**
 * Metric scraping with SageMaker semantics: each {@link dev.kiln.api.training.MetricDefinition}
 * regex is searched in every stdout/stderr line, its first group is read as a number, and the
 * resulting time series feeds {@code FinalMetricDataList}. See {@link dev.kiln.runtime.metrics.MetricScraper}.
 */
package dev.kiln.runtime.metrics;
