package dev.kiln.api.tuning;

/** HyperParameterTuningJobStatus values, spelled as on the wire. */
public enum HyperParameterTuningJobStatus {
    Completed, InProgress, Failed, Stopped, Stopping, Deleting, DeleteFailed;

    public boolean isTerminal() {
        return this == Completed || this == Failed || this == Stopped;
    }
}
