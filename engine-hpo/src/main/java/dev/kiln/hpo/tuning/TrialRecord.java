package dev.kiln.hpo.tuning;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * One training job of a tuning job, as the tuning job sees it: the values it chose, and once the
 * training job ends, how it ended and the objective it yielded. The training job's own record stays
 * in the training-job store.
 *
 * @param index          1-based launch order within the tuning job
 * @param definition     index of the training job definition the trial belongs to
 * @param bracket        the Hyperband bracket, for Hyperband trials
 * @param stoppedEarly   stopped by the tuning job's early stopping or Hyperband (counts as completed)
 * @param objective      the objective value the tuning job judged the trial by (its final or last value)
 * @param objectiveStatus Pending, Succeeded or Failed, as in ObjectiveStatusCounters
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrialRecord(
        String tuningJob,
        int index,
        String trainingJobName,
        int definition,
        String definitionName,
        Map<String, String> tunedHyperParameters,
        Integer bracket,
        State state,
        Boolean stoppedEarly,
        Outcome outcome,
        Double objective,
        String objectiveStatus,
        String failureReason,
        Instant creationTime,
        Instant endTime) {

    /** Where a trial is in its life. LAUNCHING: recorded, its training job may not exist yet. */
    public enum State { LAUNCHING, RUNNING, ENDED }

    /** How an ended trial counts in TrainingJobStatusCounters. */
    public enum Outcome { COMPLETED, STOPPED, RETRYABLE_ERROR, NON_RETRYABLE_ERROR }

    public TrialRecord {
        tunedHyperParameters = Map.copyOf(tunedHyperParameters);
    }

    static TrialRecord launching(String tuningJob, int index, String trainingJobName, int definition, String definitionName,
            Map<String, String> tuned, Integer bracket, Instant now) {
        return new TrialRecord(tuningJob, index, trainingJobName, definition, definitionName, tuned, bracket,
                State.LAUNCHING, null, null, null, "Pending", null, now, null);
    }

    @JsonIgnore
    public boolean isEnded() {
        return state == State.ENDED;
    }

    /** Named so that Jackson does not take it for the getter of {@code stoppedEarly}. */
    public boolean wasStoppedEarly() {
        return Boolean.TRUE.equals(stoppedEarly);
    }

    TrialRecord running() {
        return new TrialRecord(tuningJob, index, trainingJobName, definition, definitionName, tunedHyperParameters, bracket,
                State.RUNNING, stoppedEarly, outcome, objective, objectiveStatus, failureReason, creationTime, endTime);
    }

    TrialRecord stoppingEarly() {
        return new TrialRecord(tuningJob, index, trainingJobName, definition, definitionName, tunedHyperParameters, bracket,
                state, true, outcome, objective, objectiveStatus, failureReason, creationTime, endTime);
    }

    TrialRecord ended(Outcome how, Double value, String reason, Instant at) {
        return new TrialRecord(tuningJob, index, trainingJobName, definition, definitionName, tunedHyperParameters, bracket,
                State.ENDED, stoppedEarly, how, value, value == null ? "Failed" : "Succeeded", reason, creationTime, at);
    }
}
