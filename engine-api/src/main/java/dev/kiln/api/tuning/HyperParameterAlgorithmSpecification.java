package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.api.training.MetricDefinition;
import java.util.List;

/** The algorithm of a tuning job's training jobs: an image or a built-in algorithm, its input mode and metrics. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterAlgorithmSpecification(
        String trainingImage, String trainingInputMode, String algorithmName,
        List<MetricDefinition> metricDefinitions) {
}
