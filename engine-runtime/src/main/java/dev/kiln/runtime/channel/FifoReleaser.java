package dev.kiln.runtime.channel;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Frees whoever is blocked on a FIFO so a Pipe channel can close promptly. Java cannot interrupt a thread blocked
 * in {@code open()} or in {@code write()} on a full FIFO (JDK 17 FileChannels ignore interrupts there), so
 * instead this holds the FIFO open read-write, which on Linux never blocks and satisfies any {@code open()} waiting
 * for a partner, and drains it from a daemon thread, which lets a blocked {@code write()} return.
 */
final class FifoReleaser implements AutoCloseable {
    private final FileChannel holder;

    private FifoReleaser(FileChannel holder, Path fifo) {
        this.holder = holder;
        Thread drainer = new Thread(() -> drain(fifo), "kiln-pipe-drain");
        drainer.setDaemon(true);
        drainer.start();
    }

    /** Starts releasing {@code fifo}; null when it is already gone (then nothing can be blocked on it). */
    static FifoReleaser release(Path fifo) {
        if (fifo == null) {
            return null;
        }
        try {
            return new FifoReleaser(FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE), fifo);
        } catch (IOException e) {
            return null;
        }
    }

    private static void drain(Path fifo) {
        // Opening read-only does not block: the holder is a writer. The read ends at EOF once the holder and the
        // feeder have both closed their ends.
        try (InputStream in = Files.newInputStream(fifo)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // Gone or closed: either way nothing is left to drain.
        }
    }

    @Override
    public void close() {
        try {
            holder.close();
        } catch (IOException e) {
            // Closing our own descriptor of a FIFO loses nothing.
        }
    }
}
