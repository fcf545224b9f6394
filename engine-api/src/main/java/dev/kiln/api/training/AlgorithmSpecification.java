package dev.kiln.api.training;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Which algorithm runs, how it reads input, and which log lines are metrics. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlgorithmSpecification(
        String trainingImage,
        String algorithmName,
        String trainingInputMode,
        List<MetricDefinition> metricDefinitions,
        Boolean enableSageMakerMetricsTimeSeries,
        List<String> containerEntrypoint,
        List<String> containerArguments,
        TrainingImageConfig trainingImageConfig) {
}
