package dev.kiln.runtime.exec;

import dev.kiln.runtime.store.ProcessRef;
import java.time.Duration;
import java.util.OptionalInt;

/** A running training program, however it was started (local process, child JVM, thread). */
public interface JobProcess {

    /** The OS process, or null for an in-thread algorithm. */
    ProcessRef ref();

    /** Waits up to {@code timeout}; the exit code once the program has ended and its output is drained. */
    OptionalInt waitFor(Duration timeout) throws InterruptedException;

    /** Asks the program to stop (SIGTERM). */
    void terminate();

    /** Ends the program and everything it started (SIGKILL). */
    void kill();

    /** Human description of how the program ended, for FailureReason (for example "killed by signal 9"). */
    String describeExit(int code);
}
