package dev.kiln.runtime.channel;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

/**
 * Refuses further writes once its channel is closed, so a feeder stops within one buffer even in the middle of
 * a large object (FIFO writes ignore thread interrupts, so this check is the only way to stop one).
 */
final class StoppableOutputStream extends FilterOutputStream {
    private final BooleanSupplier stopped;

    StoppableOutputStream(OutputStream out, BooleanSupplier stopped) {
        super(out);
        this.stopped = stopped;
    }

    @Override
    public void write(int b) throws IOException {
        check();
        out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        check();
        out.write(b, off, len);
    }

    private void check() throws IOException {
        if (stopped.getAsBoolean()) {
            throw new ChannelClosedException();
        }
    }

    /** Thrown into the feeder when its channel closes; not a failure. */
    static final class ChannelClosedException extends IOException {
        ChannelClosedException() {
            super("channel closed");
        }
    }
}
