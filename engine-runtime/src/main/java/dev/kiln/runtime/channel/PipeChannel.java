package dev.kiln.runtime.channel;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * A Pipe channel: a daemon feeder thread writes epoch {@code e} into the FIFO {@code <dataDir>/<channel>_e}.
 * The FIFO of epoch {@code e + 1} is created once all of epoch {@code e} is in the pipe and before its write end
 * is closed, so a reader that sees EOF on {@code _e} always finds {@code _(e+1)} in place; the FIFO of epoch
 * {@code e} is removed when its write end closes (an open reader keeps reading it).
 */
final class PipeChannel implements MaterializedChannel {
    private static final long JOIN_MILLIS = 10_000;

    private final String name;
    private final Path dataDir;
    private final LongFunction<List<PipeRecord>> epochs;
    private final RecordStreamWriter writer;
    private final long objectCount;
    private final long byteCount;
    private final Consumer<String> jobLog;
    private final Object lock = new Object();
    private final List<Path> created = new ArrayList<>();
    private final Thread feeder;
    private volatile boolean closed; // written under lock; read without it on every write
    private Path newest;
    private volatile String failure;

    PipeChannel(String name, Path dataDir, LongFunction<List<PipeRecord>> epochs, boolean recordIo,
            long objectCount, long byteCount, Consumer<String> jobLog) throws IOException, InterruptedException {
        this.name = name;
        this.dataDir = dataDir;
        this.epochs = epochs;
        this.writer = new RecordStreamWriter(recordIo);
        this.objectCount = objectCount;
        this.byteCount = byteCount;
        this.jobLog = jobLog;
        Path first = createFifo(0); // in place before materialize returns, so the container can open it at once
        this.feeder = new Thread(() -> feed(first), "kiln-pipe-" + name);
        feeder.setDaemon(true); // never keeps the JVM alive
        feeder.start();
    }

    private void feed(Path first) {
        Path fifo = first;
        for (long epoch = 0; fifo != null; epoch++) {
            Path next = null;
            // WRITE without CREATE: if close() removed the FIFO, fail instead of creating a regular file.
            try (OutputStream out = new BufferedOutputStream(new StoppableOutputStream(
                    Files.newOutputStream(fifo, StandardOpenOption.WRITE), this::isClosed), 1 << 16)) {
                if (isClosed()) {
                    return;
                }
                for (PipeRecord record : epochs.apply(epoch)) {
                    writer.write(record, out);
                    if (isClosed()) {
                        return;
                    }
                }
                out.flush();
                next = createFifo(epoch + 1);
            } catch (IOException e) {
                if (isClosed()) {
                    return;
                }
                if (!isBrokenPipe(e)) {
                    fail("epoch " + epoch + ": " + e);
                    return;
                }
                // The reader closed the epoch before its end; like the service, go on with the next epoch.
            } catch (InterruptedException | RuntimeException e) {
                if (!isClosed()) {
                    fail("epoch " + epoch + ": " + e);
                }
                return;
            }
            remove(fifo);
            try {
                fifo = next != null ? next : createFifo(epoch + 1);
            } catch (IOException | InterruptedException e) {
                if (!isClosed()) {
                    fail("epoch " + (epoch + 1) + ": " + e);
                }
                return;
            }
        }
    }

    /** Creates the FIFO of an epoch, or returns null once the channel is closed. */
    private Path createFifo(long epoch) throws IOException, InterruptedException {
        Path fifo = dataDir.resolve(name + "_" + epoch);
        synchronized (lock) {
            if (closed) {
                return null;
            }
            Fifos.create(fifo);
            created.add(fifo);
            newest = fifo;
            return fifo;
        }
    }

    @Override
    public void close() {
        Path blocking;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            blocking = newest; // the only FIFO the feeder can be blocked on
        }
        feeder.interrupt(); // wakes the feeder if it is waiting for mkfifo
        FifoReleaser releaser = FifoReleaser.release(blocking);
        try {
            feeder.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (releaser != null) {
                releaser.close();
            }
            synchronized (lock) {
                created.forEach(PipeChannel::remove);
            }
        }
    }

    private boolean isClosed() {
        return closed;
    }

    private void fail(String why) {
        failure = "Pipe channel '" + name + "' stopped at " + why;
        jobLog.accept(failure);
    }

    private static boolean isBrokenPipe(IOException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("Broken pipe");
    }

    private static void remove(Path fifo) {
        try {
            Files.deleteIfExists(fifo);
        } catch (IOException e) {
            // Best effort: a leftover FIFO holds no data and is replaced by the next run's mkfifo.
        }
    }

    @Override
    public String channelName() {
        return name;
    }

    @Override
    public String inputMode() {
        return ChannelSpec.PIPE;
    }

    @Override
    public Path path() {
        return dataDir;
    }

    @Override
    public long objectCount() {
        return objectCount;
    }

    @Override
    public long byteCount() {
        return byteCount;
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }
}
