package dev.kiln.hpo.tuning;

import dev.kiln.api.training.MetricData;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.util.Optional;

/**
 * How an ended training job counts for its tuning job. FailureReason prefixes decide retryability as
 * in the service: an infrastructure failure ({@code InternalServerError}, lost capacity) could succeed
 * if run again and is a RetryableError; an {@code AlgorithmError} or {@code ClientError} would fail
 * again the same way and is a NonRetryableError.
 */
final class TrialOutcomes {
    private TrialOutcomes() {}

    static TrialRecord.Outcome classifyFailure(String failureReason) {
        String r = failureReason == null ? "" : failureReason;
        if (r.startsWith("InternalServerError") || r.contains("InsufficientCapacity") || r.startsWith("CapacityError")) {
            return TrialRecord.Outcome.RETRYABLE_ERROR;
        }
        return TrialRecord.Outcome.NON_RETRYABLE_ERROR;
    }

    /** The objective metric's final value (its last reported value, also for a job stopped early). */
    static Optional<Double> objective(TrainingJobRecord r, String metricName) {
        return r.finalMetrics().stream().filter(m -> metricName.equals(m.metricName()))
                .map(MetricData::value).filter(v -> v != null && Double.isFinite(v)).findFirst();
    }
}
