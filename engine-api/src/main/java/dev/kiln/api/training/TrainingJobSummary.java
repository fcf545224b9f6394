package dev.kiln.api.training;

import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonInclude;

/** One row of ListTrainingJobs. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJobSummary(
        String trainingJobName,
        String trainingJobArn,
        Instant creationTime,
        Instant trainingEndTime,
        Instant lastModifiedTime,
        String trainingJobStatus,
        String secondaryStatus,
        WarmPoolStatus warmPoolStatus,
        String trainingPlanArn) {
}
