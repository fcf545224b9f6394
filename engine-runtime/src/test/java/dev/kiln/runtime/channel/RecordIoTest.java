package dev.kiln.runtime.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordIoTest {

    private static byte[] frame(byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordIo.writeRecord(payload, out);
        return out.toByteArray();
    }

    private static byte[] frameStreamed(byte[] payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecordIo.writeRecord(() -> new ByteArrayInputStream(payload), out);
        return out.toByteArray();
    }

    @Test
    void singleRecordHasMagicLengthAndPadding() throws IOException {
        byte[] framed = frame("hello".getBytes());
        ByteBuffer b = ByteBuffer.wrap(framed).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(16, framed.length); // 8 header + 5 payload + 3 padding
        assertEquals(0xced7230a, b.getInt());
        assertEquals(5, b.getInt()); // continuation flag 0 in the upper 3 bits
        assertArrayEquals(new byte[] {0x0a, 0x23, (byte) 0xd7, (byte) 0xce}, java.util.Arrays.copyOf(framed, 4));
        assertArrayEquals(new byte[] {0, 0, 0}, java.util.Arrays.copyOfRange(framed, 13, 16));
    }

    @Test
    void alignedPayloadsGetNoPaddingAndEmptyOnesAreJustAHeader() throws IOException {
        assertEquals(12, frame(new byte[4]).length);
        assertEquals(8, frame(new byte[0]).length);
    }

    @Test
    void magicInsideThePayloadIsSplitWithContinuationFlagsAndRestoredOnRead() throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        payload.putInt(0x11111111).putInt(RecordIo.MAGIC).putInt(0x22222222).put((byte) 7);
        byte[] data = java.util.Arrays.copyOf(payload.array(), 13);
        byte[] framed = frame(data);
        ByteBuffer b = ByteBuffer.wrap(framed).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(RecordIo.MAGIC, b.getInt());
        assertEquals((1 << 29) | 4, b.getInt()); // first part: 4 bytes before the magic
        assertEquals(0x11111111, b.getInt());
        assertEquals(RecordIo.MAGIC, b.getInt());
        assertEquals((3 << 29) | 5, b.getInt()); // last part: the 5 bytes after the magic
        assertArrayEquals(data, RecordIo.readRecord(new ByteArrayInputStream(framed)));
        assertArrayEquals(framed, frameStreamed(data));
    }

    @Test
    void unalignedMagicIsLeftAlone() throws IOException {
        ByteBuffer payload = ByteBuffer.allocate(9).order(ByteOrder.LITTLE_ENDIAN);
        payload.put((byte) 1).putInt(RecordIo.MAGIC).putInt(5);
        byte[] framed = frame(payload.array());
        assertEquals(8 + 12, framed.length);
        assertArrayEquals(payload.array(), RecordIo.readRecord(new ByteArrayInputStream(framed)));
    }

    @Test
    void streamedWriterMatchesInMemoryWriterAndRoundTrips() throws IOException {
        Random random = new Random(7);
        List<byte[]> records = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (int size : new int[] {0, 1, 3, 4, 5, 65535, 65536, 65537, 200_003}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            // Plant magics at aligned offsets, including one on a 64 KiB chunk boundary and one at offset 0.
            for (int at : new int[] {0, 8, 65536, 131072}) {
                if (at + 4 <= size) {
                    ByteBuffer.wrap(data, at, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(RecordIo.MAGIC);
                }
            }
            records.add(data);
            assertArrayEquals(frame(data), frameStreamed(data), "size " + size);
            stream.write(frameStreamed(data));
        }
        ByteArrayInputStream in = new ByteArrayInputStream(stream.toByteArray());
        for (byte[] expected : records) {
            assertArrayEquals(expected, RecordIo.readRecord(in));
        }
        assertNull(RecordIo.readRecord(in));
    }

    @Test
    void corruptStreamsAreReported() {
        assertThrows(IOException.class, () -> RecordIo.readRecord(new ByteArrayInputStream(new byte[] {1, 2, 3, 4,
            5, 6, 7, 8})));
        byte[] framed;
        try {
            framed = frame("abcdef".getBytes());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        byte[] truncated = java.util.Arrays.copyOf(framed, 10);
        assertThrows(IOException.class, () -> RecordIo.readRecord(new ByteArrayInputStream(truncated)));
    }
}
