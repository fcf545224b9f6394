package dev.kiln.api.training;

/** TrainingJobStatus values, spelled as on the wire. */
public enum TrainingJobStatus {
    InProgress, Completed, Failed, Stopping, Stopped, Deleting;

    public boolean isTerminal() {
        return this == Completed || this == Failed || this == Stopped;
    }
}
