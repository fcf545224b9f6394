package dev.kiln.runtime.store;

import java.time.Instant;
import java.util.Optional;

/**
 * A process identified by pid and start time, so a recycled pid is never mistaken for ours.
 *
 * @param pid        operating-system process id
 * @param startMillis the process start instant in epoch millis as the OS reports it (0 when unknown)
 */
public record ProcessRef(long pid, long startMillis) {

    public static ProcessRef of(ProcessHandle handle) {
        return new ProcessRef(handle.pid(),
                handle.info().startInstant().map(Instant::toEpochMilli).orElse(0L));
    }

    public static ProcessRef current() {
        return of(ProcessHandle.current());
    }

    /** The live process this refers to, if it still runs and is the same process. */
    public Optional<ProcessHandle> live() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> {
            if (startMillis == 0) {
                return true;
            }
            long actual = h.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
            // Start times from /proc have clock-tick resolution; allow a little slack.
            return actual == 0 || Math.abs(actual - startMillis) < 1000;
        });
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isAlive() {
        return live().isPresent();
    }
}
