package dev.kiln.runtime.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads a log written by {@link JobLogWriter}, while it is being written or afterwards. Only
 * complete lines are read, so a reader never sees half an event. A log file that does not exist
 * yet reads as empty.
 *
 * <p>Seeking to a sequence number scans the file once; the reader remembers the byte offset of
 * every {@value #CHECKPOINT_EVERY}th line it passes, so paging through a log (GetLogEvents with a
 * token) stays linear overall. Thread-safe.
 */
public final class JobLogReader {
    /** How often {@link #follow} looks for new lines. */
    public static final long POLL_MILLIS = 50;
    static final int CHECKPOINT_EVERY = 1024;
    private static final int CHUNK_BYTES = 64 * 1024;

    private final Path file;
    /** Sequence number to byte offset of that line's start; guarded by itself. */
    private final TreeMap<Long, Long> checkpoints = new TreeMap<>(Map.of(0L, 0L));

    public JobLogReader(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    /** Up to {@code limit} events starting at sequence {@code fromSequence}; empty when there are none (yet). */
    public List<LogEvent> read(long fromSequence, int limit) {
        if (fromSequence < 0 || limit < 0) {
            throw new IllegalArgumentException("fromSequence and limit must not be negative");
        }
        List<LogEvent> events = new ArrayList<>(Math.min(limit, 1024));
        if (limit > 0) {
            scan(nearestCheckpoint(fromSequence), fromSequence, limit, events::add);
        }
        return events;
    }

    /**
     * Hands every event from {@code fromSequence} on to {@code sink} as it is written, until
     * {@code stillRunning} turns false; then reads what remains and returns. The job's runner must
     * close (or flush) its {@link JobLogWriter} before reporting the job as no longer running, so
     * that the final drain sees the last lines. If the calling thread is interrupted, returns early
     * with its interrupt status set.
     */
    public void follow(long fromSequence, Consumer<LogEvent> sink, BooleanSupplier stillRunning) {
        if (fromSequence < 0) {
            throw new IllegalArgumentException("fromSequence must not be negative");
        }
        Position position = nearestCheckpoint(fromSequence);
        while (true) {
            // Asked before reading: a job that has ended has flushed everything this read will see.
            boolean running = stillRunning.getAsBoolean();
            position = scan(position, fromSequence, Integer.MAX_VALUE, sink);
            if (!running) {
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The line at which a scan for {@code sequence} may start. */
    private Position nearestCheckpoint(long sequence) {
        synchronized (checkpoints) {
            Map.Entry<Long, Long> entry = checkpoints.floorEntry(sequence);
            return new Position(entry.getValue(), entry.getKey());
        }
    }

    private void remember(long sequence, long offset) {
        synchronized (checkpoints) {
            checkpoints.put(sequence, offset);
        }
    }

    /**
     * Reads complete lines from {@code from}, delivering those numbered {@code firstWanted} or
     * later, at most {@code limit} of them; returns where the next scan continues.
     */
    private Position scan(Position from, long firstWanted, int limit, Consumer<LogEvent> sink) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long offset = from.offset;       // start of the first line not yet consumed
            long sequence = from.sequence;   // its number
            int delivered = 0;
            byte[] pending = new byte[256];
            int pendingLength = 0;           // bytes of the unfinished line read so far
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES);
            long readAt = offset;
            while (delivered < limit) {
                chunk.clear();
                int n = channel.read(chunk, readAt);
                if (n <= 0) {
                    break;
                }
                readAt += n;
                byte[] bytes = chunk.array();
                int lineStart = 0;
                for (int k = 0; k < n && delivered < limit; k++) {
                    if (bytes[k] != '\n') {
                        continue;
                    }
                    if (sequence >= firstWanted) {
                        if (pendingLength == 0) {
                            sink.accept(LogLineCodec.decode(bytes, lineStart, k, sequence));
                        } else {
                            pending = append(pending, pendingLength, bytes, lineStart, k);
                            sink.accept(LogLineCodec.decode(pending, 0, pendingLength + k - lineStart, sequence));
                        }
                        delivered++;
                    }
                    offset += pendingLength + k - lineStart + 1;
                    sequence++;
                    if (sequence % CHECKPOINT_EVERY == 0) {
                        remember(sequence, offset);
                    }
                    pendingLength = 0;
                    lineStart = k + 1;
                }
                if (delivered >= limit) {
                    break;
                }
                // Keep the unfinished line only when it will be delivered; when skipping, its length is enough.
                int tail = n - lineStart;
                if (sequence >= firstWanted) {
                    pending = append(pending, pendingLength, bytes, lineStart, n);
                }
                pendingLength += tail;
            }
            return new Position(offset, sequence);
        } catch (NoSuchFileException e) {
            return from;
        } catch (IOException e) {
            throw new UncheckedIOException("reading job log " + file, e);
        }
    }

    /** {@code pending[0, length)} followed by {@code bytes[from, to)}, growing the array when needed. */
    private static byte[] append(byte[] pending, int length, byte[] bytes, int from, int to) {
        int needed = length + to - from;
        byte[] target = pending.length >= needed ? pending
                : Arrays.copyOf(pending, Math.max(needed, pending.length * 2));
        System.arraycopy(bytes, from, target, length, to - from);
        return target;
    }

    private record Position(long offset, long sequence) {}
}
