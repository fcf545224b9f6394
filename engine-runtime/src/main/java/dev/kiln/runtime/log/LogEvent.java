package dev.kiln.runtime.log;

import java.util.Objects;

/**
 * One log event: when Kiln ingested the line (epoch millis), the message as the job printed it
 * (without its line terminator), and its zero-based position in the log, which is what readers
 * resume from.
 */
public record LogEvent(long timestampMillis, String message, long sequence) {
    public LogEvent {
        Objects.requireNonNull(message, "message");
    }
}
