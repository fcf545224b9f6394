package dev.kiln.runtime.channel;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;

/**
 * Writes Pipe records to a stream: Gzip objects are decompressed on the way, and with RecordIO each record is
 * framed on its own. Without RecordIO records are concatenated, as the service concatenates them.
 */
final class RecordStreamWriter {
    private static final int BUFFER = 1 << 18;

    private final boolean recordIo;
    private final byte[] buffer = new byte[BUFFER];

    RecordStreamWriter(boolean recordIo) {
        this.recordIo = recordIo;
    }

    void write(PipeRecord record, OutputStream out) throws IOException {
        if (record instanceof PipeRecord.Inline inline) {
            if (recordIo) {
                RecordIo.writeRecord(inline.bytes(), out);
            } else {
                out.write(inline.bytes());
            }
            return;
        }
        PipeRecord.Stored stored = (PipeRecord.Stored) record;
        if (recordIo) {
            RecordIo.writeRecord(() -> open(stored), out);
            return;
        }
        try (InputStream in = open(stored)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }

    private static InputStream open(PipeRecord.Stored stored) throws IOException {
        InputStream in = Files.newInputStream(stored.path());
        // GZIPInputStream reads concatenated members too, as gunzip does.
        return stored.gzip() ? new GZIPInputStream(new BufferedInputStream(in, 1 << 16), 1 << 16) : in;
    }
}
