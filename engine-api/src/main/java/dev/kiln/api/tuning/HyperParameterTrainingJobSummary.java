package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/** One training job of a tuning job: its tuned values, status and objective. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterTrainingJobSummary(
        String trainingJobDefinitionName,
        String trainingJobName,
        String trainingJobArn,
        String tuningJobName,
        Instant creationTime,
        Instant trainingStartTime,
        Instant trainingEndTime,
        String trainingJobStatus,
        Map<String, String> tunedHyperParameters,
        String failureReason,
        FinalHyperParameterTuningJobObjectiveMetric finalHyperParameterTuningJobObjectiveMetric,
        String objectiveStatus) {
}
