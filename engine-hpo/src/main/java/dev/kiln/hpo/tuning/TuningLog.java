package dev.kiln.hpo.tuning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The tuning job's own log ({@code tuning-jobs/<name>/tuning.log}): trials launched, stopped and
 * ended, and the decisions taken, one timestamped line each. Losing a line never stops a tuning job.
 */
final class TuningLog {
    private final Path file;

    TuningLog(Path file) {
        this.file = file;
    }

    synchronized void append(String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Instant.now() + " " + line + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ignored) {
            // the log is a convenience; the store holds the state
        }
    }
}
