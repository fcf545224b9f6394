package dev.kiln.runtime.channel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * An input channel made ready for a container. Closing it stops Pipe feeders and removes their FIFOs; it never
 * blocks for long, whatever the reader is doing. Closing a File, FastFile or file-system channel leaves its data.
 */
public interface MaterializedChannel extends AutoCloseable {

    String channelName();

    /** The effective input mode: {@code File}, {@code FastFile} or {@code Pipe}. */
    String inputMode();

    /** The channel directory, or for Pipe the data directory in which {@code <channel>_<epoch>} FIFOs appear. */
    Path path();

    /** Objects this host received (for Pipe: per epoch; for augmented manifests: JSON lines). */
    long objectCount();

    /** Stored bytes behind {@link #objectCount()} (compressed size for Gzip objects). */
    long byteCount();

    /** Why a Pipe feeder stopped delivering data, if it failed; empty while healthy and for other modes. */
    default Optional<String> failure() {
        return Optional.empty();
    }

    @Override
    void close();
}
