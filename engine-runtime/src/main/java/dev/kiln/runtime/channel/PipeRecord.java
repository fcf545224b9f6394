package dev.kiln.runtime.channel;

import java.nio.file.Path;

/** One record of a Pipe stream: an object's content (decompressed if Gzip) or an inline augmented-manifest value. */
sealed interface PipeRecord {

    long storedSize();

    /** Bytes given inline, such as a non-reference augmented-manifest attribute. */
    record Inline(byte[] bytes) implements PipeRecord {
        @Override
        public long storedSize() {
            return bytes.length;
        }
    }

    /** A stored object, streamed from its file. */
    record Stored(Path path, long storedSize, boolean gzip) implements PipeRecord {
    }
}
