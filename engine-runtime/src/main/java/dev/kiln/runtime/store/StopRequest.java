package dev.kiln.runtime.store;

import java.time.Instant;

/**
 * A request to end a running job, written to the store so whichever process supervises the job sees it.
 *
 * @param reason why the job is being stopped
 * @param at     when the request was made
 */
public record StopRequest(Reason reason, Instant at) {

    public enum Reason {
        /** StopTrainingJob (or a tuning job stopping its trials): ends as Stopped/Stopped. */
        USER,
        /** MaxRuntimeInSeconds elapsed: ends as Stopped/MaxRuntimeExceeded. */
        MAX_RUNTIME,
        /** MaxWaitTimeInSeconds (waiting plus running, spot jobs) elapsed: ends as Stopped/MaxWaitTimeExceeded. */
        MAX_WAIT,
        /** MaxPendingTimeInSeconds elapsed while waiting for capacity: ends as Stopped/Stopped. */
        MAX_PENDING
    }
}
