package dev.kiln.runtime.log;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Appends a job's log events to its log file (conventionally {@link #defaultFile
 * jobs/NAME/logs/algo-1.log}).
 *
 * <p>Format: UTF-8 text, one event per line, {@code <ingestion epoch millis>TAB<message>LF}. In
 * the message, backslash, LF and CR are written as {@code \\}, {@code \n} and {@code \r}; tabs and
 * every other character are kept. An event's sequence number is its zero-based line number, so
 * reopening an existing log continues its numbering.
 *
 * <p>Flushing: appends go to an in-memory buffer that is written to the file (not fsynced) at
 * most {@value #FLUSH_DELAY_MILLIS} ms after the first unwritten append, when it fills, and on
 * {@link #flush()} and {@link #close()}; a follower polling every {@value JobLogReader#POLL_MILLIS}
 * ms thus sees a line within about 100 ms while a chatty job costs one write per batch, not per
 * line. Losing the last few lines on a machine crash is accepted; a process crash loses at most
 * the unwritten buffer. Thread-safe: stdout and stderr pumps may append concurrently.
 */
public final class JobLogWriter implements AutoCloseable {
    /** The longest an appended event waits in memory before it reaches the file. */
    public static final long FLUSH_DELAY_MILLIS = 50;
    private static final int BUFFER_BYTES = 64 * 1024;
    /** One daemon thread flushes every writer of the process; flushes are short writes. */
    private static final ScheduledExecutorService FLUSHER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kiln-log-flusher");
        t.setDaemon(true);
        return t;
    });

    private final Object lock = new Object();
    private final Clock clock;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private long nextSequence;
    private boolean flushScheduled;
    private boolean closed;
    private IOException backgroundFailure;

    /** Opens (creating it and its directories if needed) the log file for appending, with the system clock. */
    public JobLogWriter(Path file) throws IOException {
        this(file, Clock.systemUTC());
    }

    /** As {@link #JobLogWriter(Path)}, stamping events with {@code clock}. */
    public JobLogWriter(Path file, Clock clock) throws IOException {
        this.clock = Objects.requireNonNull(clock, "clock");
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Existing existing = Existing.scan(file);
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        this.nextSequence = existing.lines;
        if (existing.torn) {
            // A crash mid-write left a line without terminator: end it, so that it stays one event
            // and the next one starts on a line of its own.
            try {
                writeFully(ByteBuffer.wrap(new byte[] {'\n'}));
                nextSequence++;
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }
    }

    /** Where a job's log lives under its job directory: {@code logs/algo-1.log}, as in SageMaker's log stream names. */
    public static Path defaultFile(Path jobDirectory) {
        return jobDirectory.resolve("logs").resolve("algo-1.log");
    }

    /**
     * Appends one event stamped with the current time; returns its sequence number.
     *
     * @throws IllegalStateException if the writer is closed
     * @throws UncheckedIOException if writing to the file failed (now or in a background flush)
     */
    public long append(String message) {
        byte[] body = LogLineCodec.encodeMessage(Objects.requireNonNull(message, "message"));
        synchronized (lock) {
            ensureUsable();
            // Stamped under the lock so that timestamps never decrease along the file.
            byte[] stamp = Long.toString(clock.millis()).getBytes(StandardCharsets.US_ASCII);
            try {
                put(stamp, body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!flushScheduled) {
                flushScheduled = true;
                FLUSHER.schedule(this::backgroundFlush, FLUSH_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            }
            return nextSequence++;
        }
    }

    /** The sequence number the next event will get, which is also the number of events in the log. */
    public long nextSequence() {
        synchronized (lock) {
            return nextSequence;
        }
    }

    /** Writes buffered events to the file now (no fsync). */
    public void flush() {
        synchronized (lock) {
            ensureUsable();
            try {
                drain();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Flushes and closes the file; later appends fail. Closing twice is harmless. */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            try {
                drain();
            } finally {
                channel.close();
            }
        }
    }

    private void put(byte[] stamp, byte[] body) throws IOException {
        int length = stamp.length + 1 + body.length + 1;
        if (length > buffer.remaining()) {
            drain();
        }
        if (length > buffer.capacity()) {
            ByteBuffer line = ByteBuffer.allocate(length);
            line.put(stamp).put((byte) '\t').put(body).put((byte) '\n').flip();
            writeFully(line);
        } else {
            buffer.put(stamp).put((byte) '\t').put(body).put((byte) '\n');
        }
    }

    private void drain() throws IOException {
        buffer.flip();
        try {
            writeFully(buffer);
        } finally {
            buffer.compact();
        }
    }

    private void writeFully(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private void backgroundFlush() {
        synchronized (lock) {
            flushScheduled = false;
            if (closed || backgroundFailure != null) {
                return;
            }
            try {
                drain();
            } catch (IOException e) {
                // Reported to the job on its next append, flush or close rather than lost on this thread.
                backgroundFailure = e;
            }
        }
    }

    private void ensureUsable() {
        if (closed) {
            throw new IllegalStateException("log writer is closed");
        }
        if (backgroundFailure != null) {
            throw new UncheckedIOException("writing the job log failed", backgroundFailure);
        }
    }

    /** What an existing log file holds: its complete lines, and whether a last line lacks its terminator. */
    private record Existing(long lines, boolean torn) {
        static Existing scan(Path file) throws IOException {
            if (!Files.exists(file)) {
                return new Existing(0, false);
            }
            long lines = 0;
            byte last = '\n';
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer chunk = ByteBuffer.allocate(BUFFER_BYTES);
                int n;
                while ((n = in.read(chunk)) > 0) {
                    byte[] bytes = chunk.array();
                    for (int k = 0; k < n; k++) {
                        if (bytes[k] == '\n') {
                            lines++;
                        }
                    }
                    last = bytes[n - 1];
                    chunk.clear();
                }
            }
            return new Existing(lines, last != '\n');
        }
    }
}
