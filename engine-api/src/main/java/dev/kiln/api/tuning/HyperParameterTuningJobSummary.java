package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** One row of ListHyperParameterTuningJobs. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterTuningJobSummary(
        String hyperParameterTuningJobName,
        String hyperParameterTuningJobArn,
        String hyperParameterTuningJobStatus,
        String strategy,
        Instant creationTime,
        Instant hyperParameterTuningEndTime,
        Instant lastModifiedTime,
        TrainingJobStatusCounters trainingJobStatusCounters,
        ObjectiveStatusCounters objectiveStatusCounters,
        ResourceLimits resourceLimits) {
}
