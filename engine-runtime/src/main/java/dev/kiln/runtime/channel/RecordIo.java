package dev.kiln.runtime.channel;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * MXNet (dmlc-core) RecordIO framing, as SageMaker uses for RecordWrapperType RecordIO. Each part is the
 * little-endian magic {@code 0xced7230a}, a little-endian length word whose upper 3 bits are the continuation flag
 * (0 whole record, 1 first part, 2 middle part, 3 last part) and the payload padded with zeros to 4 bytes.
 * Like dmlc's writer, a payload that contains the magic at a 4-byte-aligned offset is split there, with the magic
 * dropped, so a reader can resynchronise on the magic; {@link #readRecord} puts it back.
 */
public final class RecordIo {
    public static final int MAGIC = 0xced7230a;
    /** The length word keeps 29 bits for the length. */
    public static final int MAX_RECORD_BYTES = (1 << 29) - 1;

    private static final int CHUNK = 1 << 16; // a multiple of 4, so aligned offsets never straddle chunks
    private static final byte[] MAGIC_BYTES = {0x0a, 0x23, (byte) 0xd7, (byte) 0xce};

    private RecordIo() {}

    /** Opens a fresh stream over the same bytes; the streaming writer reads its source twice. */
    @FunctionalInterface
    public interface Source {
        InputStream open() throws IOException;
    }

    /** Writes one record held in memory. */
    public static void writeRecord(byte[] payload, OutputStream out) throws IOException {
        checkLength(payload.length);
        int[] splits = magicOffsets(payload, payload.length);
        int from = 0;
        for (int split : splits) {
            writeHeader(out, from == 0 ? 1 : 2, split - from);
            out.write(payload, from, split - from);
            from = split + 4;
        }
        writeTail(out, splits.length > 0, payload, from, payload.length - from);
    }

    /**
     * Writes one record streamed from {@code source} without holding it in memory: a first pass finds its length
     * and the aligned magic occurrences, a second pass writes it.
     */
    public static void writeRecord(Source source, OutputStream out) throws IOException {
        long length = 0;
        int[] splits = new int[0];
        int count = 0;
        byte[] buffer = new byte[CHUNK];
        try (InputStream in = source.open()) {
            int n;
            while ((n = in.readNBytes(buffer, 0, CHUNK)) > 0) {
                checkLength(length + n);
                for (int i = 0; i + 4 <= n; i += 4) {
                    if (isMagicAt(buffer, i)) {
                        splits = count == splits.length ? Arrays.copyOf(splits, Math.max(8, count * 2)) : splits;
                        splits[count++] = (int) (length + i);
                    }
                }
                length += n;
            }
        }
        try (InputStream in = source.open()) {
            int from = 0;
            for (int s = 0; s < count; s++) {
                writeHeader(out, from == 0 ? 1 : 2, splits[s] - from);
                copyExactly(in, out, splits[s] - from, buffer);
                skipExactly(in, 4);
                from = splits[s] + 4;
            }
            int rest = (int) (length - from);
            writeHeader(out, count > 0 ? 3 : 0, rest);
            copyExactly(in, out, rest, buffer);
            out.write(new byte[pad(rest)]);
            if (in.read() >= 0) {
                throw new IOException("RecordIO source changed between passes");
            }
        }
    }

    /** Reads one record, joining multi-part records; null at a clean end of stream. */
    public static byte[] readRecord(InputStream in) throws IOException {
        ByteArrayOutputStream joined = null;
        while (true) {
            byte[] header = in.readNBytes(8);
            if (header.length == 0 && joined == null) {
                return null;
            }
            if (header.length < 8) {
                throw new EOFException("truncated RecordIO header");
            }
            if (intLe(header, 0) != MAGIC) {
                throw new IOException("bad RecordIO magic " + Integer.toHexString(intLe(header, 0)));
            }
            int word = intLe(header, 4);
            int flag = word >>> 29;
            int length = word & MAX_RECORD_BYTES;
            byte[] part = in.readNBytes(length);
            if (part.length < length || in.readNBytes(pad(length)).length < pad(length)) {
                throw new EOFException("truncated RecordIO payload");
            }
            if (flag == 0 && joined == null) {
                return part;
            }
            if ((flag == 1) != (joined == null) || flag == 0) {
                throw new IOException("unexpected RecordIO continuation flag " + flag);
            }
            joined = joined == null ? new ByteArrayOutputStream() : joined;
            joined.write(part);
            if (flag == 3) {
                return joined.toByteArray();
            }
            joined.write(MAGIC_BYTES);
        }
    }

    private static int[] magicOffsets(byte[] payload, int length) {
        int[] found = new int[0];
        int count = 0;
        for (int i = 0; i + 4 <= length; i += 4) {
            if (isMagicAt(payload, i)) {
                found = count == found.length ? Arrays.copyOf(found, Math.max(8, count * 2)) : found;
                found[count++] = i;
            }
        }
        return Arrays.copyOf(found, count);
    }

    private static void writeTail(OutputStream out, boolean split, byte[] payload, int from, int length)
            throws IOException {
        writeHeader(out, split ? 3 : 0, length);
        out.write(payload, from, length);
        out.write(new byte[pad(length)]);
    }

    private static boolean isMagicAt(byte[] b, int i) {
        return b[i] == MAGIC_BYTES[0] && b[i + 1] == MAGIC_BYTES[1] && b[i + 2] == MAGIC_BYTES[2]
                && b[i + 3] == MAGIC_BYTES[3];
    }

    private static void writeHeader(OutputStream out, int flag, int length) throws IOException {
        int word = (flag << 29) | length;
        out.write(new byte[] {
            MAGIC_BYTES[0], MAGIC_BYTES[1], MAGIC_BYTES[2], MAGIC_BYTES[3],
            (byte) word, (byte) (word >>> 8), (byte) (word >>> 16), (byte) (word >>> 24)});
    }

    private static void checkLength(long length) throws IOException {
        if (length > MAX_RECORD_BYTES) {
            throw new IOException("a RecordIO record must be smaller than 2^29 bytes");
        }
    }

    private static int pad(int length) {
        return (4 - (length & 3)) & 3;
    }

    private static int intLe(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private static void copyExactly(InputStream in, OutputStream out, long count, byte[] buffer) throws IOException {
        while (count > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, count));
            if (n < 0) {
                throw new IOException("RecordIO source changed between passes");
            }
            out.write(buffer, 0, n);
            count -= n;
        }
    }

    private static void skipExactly(InputStream in, int count) throws IOException {
        if (in.readNBytes(count).length != count) {
            throw new IOException("RecordIO source changed between passes");
        }
    }
}
