package dev.kiln.runtime.job;

import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.StoppingCondition;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.time.Instant;

/**
 * A job's time limits. MaxRuntimeInSeconds counts training time over all attempts;
 * MaxWaitTimeInSeconds (spot) and MaxPendingTimeInSeconds count from creation.
 */
record Deadlines(Long maxRuntimeMillis, Instant maxWait, Instant maxPending) {

    static Deadlines of(TrainingJobRecord job, CreateTrainingJobRequest req) {
        StoppingCondition sc = req.stoppingCondition();
        if (sc == null) {
            return new Deadlines(null, null, null);
        }
        Long runtime = sc.maxRuntimeInSeconds() == null ? null : sc.maxRuntimeInSeconds() * 1000L;
        Instant wait = sc.maxWaitTimeInSeconds() == null || !Boolean.TRUE.equals(req.enableManagedSpotTraining()) ? null
                : job.creationTime().plusSeconds(sc.maxWaitTimeInSeconds());
        Instant pending = sc.maxPendingTimeInSeconds() == null ? null : job.creationTime().plusSeconds(sc.maxPendingTimeInSeconds());
        return new Deadlines(runtime, wait, pending);
    }
}
