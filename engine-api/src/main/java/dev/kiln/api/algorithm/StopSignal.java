package dev.kiln.api.algorithm;

import java.time.Duration;

/** Raised by StopTrainingJob or MaxRuntimeInSeconds; the algorithm should save what it has and return. */
public interface StopSignal {

    boolean isStopRequested();

    /** Waits up to {@code timeout} for a stop request; true if one arrived. */
    boolean await(Duration timeout) throws InterruptedException;
}
