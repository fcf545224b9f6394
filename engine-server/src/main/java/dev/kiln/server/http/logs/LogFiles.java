package dev.kiln.server.http.logs;

import dev.kiln.runtime.log.JobLogReader;
import dev.kiln.runtime.log.LogEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Job log files as the endpoint reads them: events by sequence number and how many complete events
 * a file holds. Readers are kept per file (a {@link JobLogReader} remembers offsets, so paging stays
 * linear), and event counts grow incrementally as a running job appends. Thread-safe.
 */
final class LogFiles {
    private static final int MAX_OPEN = 256;
    private static final int CHUNK = 64 * 1024;

    private final Map<Path, OpenLog> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, OpenLog> eldest) {
            return size() > MAX_OPEN;
        }
    };

    /** Up to {@code limit} events from sequence {@code from}. */
    List<LogEvent> read(Path file, long from, int limit) {
        return entry(file).reader.read(from, limit);
    }

    /** The number of complete events (lines) in the file; 0 when it does not exist yet. */
    long count(Path file) {
        return entry(file).count();
    }

    boolean exists(Path file) {
        return Files.isRegularFile(file);
    }

    private OpenLog entry(Path file) {
        synchronized (entries) {
            return entries.computeIfAbsent(file, OpenLog::new);
        }
    }

    private static final class OpenLog {
        final Path file;
        final JobLogReader reader;
        private long scannedBytes;
        private long lines;

        OpenLog(Path file) {
            this.file = file;
            this.reader = new JobLogReader(file);
        }

        /** Counts line terminators added since the last call; a partial last line is not an event yet. */
        synchronized long count() {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = channel.size();
                if (size < scannedBytes) {
                    scannedBytes = 0; // replaced by a shorter file: count afresh
                    lines = 0;
                }
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
                while (scannedBytes < size) {
                    chunk.clear();
                    int n = channel.read(chunk, scannedBytes);
                    if (n <= 0) {
                        break;
                    }
                    byte[] bytes = chunk.array();
                    for (int k = 0; k < n; k++) {
                        if (bytes[k] == '\n') {
                            lines++;
                        }
                    }
                    scannedBytes += n;
                }
                return lines;
            } catch (NoSuchFileException e) {
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException("reading job log " + file, e);
            }
        }
    }
}
