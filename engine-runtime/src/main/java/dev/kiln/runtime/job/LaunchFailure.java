package dev.kiln.runtime.job;

/** The program could not be started for a reason the user can act on; the message is the FailureReason. */
final class LaunchFailure extends RuntimeException {
    LaunchFailure(String reason) {
        super(reason);
    }
}
