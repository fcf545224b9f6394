package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** DescribeHyperParameterTuningJob's response: the request as resolved (Autotune applied) plus the job's state. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DescribeHyperParameterTuningJobResponse(
        String hyperParameterTuningJobName,
        String hyperParameterTuningJobArn,
        HyperParameterTuningJobConfig hyperParameterTuningJobConfig,
        HyperParameterTrainingJobDefinition trainingJobDefinition,
        List<HyperParameterTrainingJobDefinition> trainingJobDefinitions,
        String hyperParameterTuningJobStatus,
        Instant creationTime,
        Instant hyperParameterTuningEndTime,
        Instant lastModifiedTime,
        TrainingJobStatusCounters trainingJobStatusCounters,
        ObjectiveStatusCounters objectiveStatusCounters,
        HyperParameterTrainingJobSummary bestTrainingJob,
        HyperParameterTrainingJobSummary overallBestTrainingJob,
        HyperParameterTuningJobWarmStartConfig warmStartConfig,
        Autotune autotune,
        String failureReason,
        HyperParameterTuningJobCompletionDetails tuningJobCompletionDetails,
        HyperParameterTuningJobConsumedResources consumedResources) {
}
