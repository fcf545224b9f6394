package dev.kiln.api.training;

import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One metric value. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricData(String metricName, Double value, Instant timestamp) {
}
