package dev.kiln.runtime.channel;

import java.nio.file.Path;

/** A channel whose data sits in (or is linked from) its directory; closing it changes nothing. */
record LocalChannel(String channelName, String inputMode, Path path, long objectCount, long byteCount)
        implements MaterializedChannel {

    @Override
    public void close() {
        // The data stays for the container and for inspection after the job.
    }
}
