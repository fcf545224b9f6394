package dev.kiln.hpo.tuning;

import dev.kiln.api.tuning.HyperParameterTuningJobStatus;
import java.util.Collection;

/**
 * How a tuning job ends. A job that would complete but whose every trial went without an objective
 * fails instead, as in the service: its FailureReason names the last training job failure, or says
 * that no training job reported the objective metric.
 */
record TuningEnding(HyperParameterTuningJobStatus status, String failureReason) {
    private static final int FAILURE_REASON_MAX = 1024;

    static TuningEnding of(HyperParameterTuningJobStatus status, String reason, Collection<TrialRecord> trials) {
        String failure = reason;
        HyperParameterTuningJobStatus s = status;
        if (s == HyperParameterTuningJobStatus.Completed && !trials.isEmpty()
                && trials.stream().noneMatch(t -> t.objective() != null)) {
            s = HyperParameterTuningJobStatus.Failed;
            String lastFailure = trials.stream().map(TrialRecord::failureReason).filter(r -> r != null)
                    .reduce((a, b) -> b).orElse(null);
            failure = lastFailure != null ? "All training jobs failed. Last failure: " + lastFailure
                    : "No training job reported the objective metric; check the MetricDefinitions regex against the job log.";
        }
        return new TuningEnding(s, failure == null ? null : failure.substring(0, Math.min(FAILURE_REASON_MAX, failure.length())));
    }
}
