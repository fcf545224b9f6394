package dev.kiln.runtime.channel;

import static dev.kiln.runtime.channel.ChannelFixture.channel;
import static dev.kiln.runtime.channel.ChannelFixture.readFifo;
import static dev.kiln.runtime.channel.ChannelFixture.within;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.training.Channel;
import dev.kiln.api.training.S3DataSource;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipeChannelTest {
    @TempDir
    Path home;

    private ChannelFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ChannelFixture(home);
        for (int i = 0; i < 6; i++) {
            f.put("s3://bucket/data/part-" + i, "record-" + i + ";");
        }
    }

    @AfterEach
    void tearDown() {
        f.closeAll();
    }

    private static Channel pipe(String name, String uri, String compression, String wrapper, Long seed) {
        return channel(name, new S3DataSource("S3Prefix", uri, null, null, null, null, null), compression, wrapper,
                "Pipe", seed);
    }

    private static List<String> records(byte[] stream) throws Exception {
        List<String> out = new ArrayList<>();
        InputStream in = new ByteArrayInputStream(stream);
        byte[] record;
        while ((record = RecordIo.readRecord(in)) != null) {
            out.add(new String(record, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Optional<Thread> feeder(String channel) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("kiln-pipe-" + channel)).findFirst();
    }

    @Test
    void epochsAreSuccessiveFifosReadToEof() throws Exception {
        MaterializedChannel ch = f.materialize(pipe("train", "s3://bucket/data/", null, null, null), "File",
                HostSlot.single());
        assertEquals("Pipe", ch.inputMode());
        assertEquals(f.dataDir, ch.path());
        assertEquals(6, ch.objectCount());
        assertTrue(Files.exists(f.dataDir.resolve("train_0")));
        assertFalse(Files.exists(f.dataDir.resolve("train_1")), "epoch 1 appears only after epoch 0 is delivered");
        assertFalse(Files.exists(f.dataDir.resolve("train")), "Pipe mode has no channel directory");
        String expected = IntStream.range(0, 6).mapToObj(i -> "record-" + i + ";").reduce("", String::concat);
        assertEquals(expected, new String(readFifo(f.dataDir.resolve("train_0")), StandardCharsets.UTF_8));
        assertTrue(Files.exists(f.dataDir.resolve("train_1")), "the next epoch's FIFO is there when EOF is seen");
        assertEquals(expected, new String(readFifo(f.dataDir.resolve("train_1")), StandardCharsets.UTF_8));
        assertEquals(expected, new String(readFifo(f.dataDir.resolve("train_2")), StandardCharsets.UTF_8));
        assertTrue(f.log.get(0).contains("Pipe") && f.log.get(0).contains("6 objects"), f.log.get(0));
        assertTrue(ch.failure().isEmpty());
        within(() -> {
            ch.close();
            return null;
        });
        assertFalse(Files.exists(f.dataDir.resolve("train_3")));
        assertFalse(Files.exists(f.dataDir.resolve("train_0")));
    }

    @Test
    void recordIoWrapsEachObjectAndGzipIsDecompressedWhileStreaming() throws Exception {
        byte[] big = new byte[300_000];
        new java.util.Random(3).nextBytes(big);
        f.put("s3://bucket/gz/a.gz", ChannelFixture.gzip("alpha".getBytes(StandardCharsets.UTF_8)));
        f.put("s3://bucket/gz/b.gz", ChannelFixture.gzip(big));
        f.materialize(pipe("gz", "s3://bucket/gz/", "Gzip", "RecordIO", null), null, HostSlot.single());
        InputStream in = new ByteArrayInputStream(readFifo(f.dataDir.resolve("gz_0")));
        assertArrayEquals("alpha".getBytes(StandardCharsets.UTF_8), RecordIo.readRecord(in));
        assertArrayEquals(big, RecordIo.readRecord(in));
        assertEquals(null, RecordIo.readRecord(in));

        f.materialize(pipe("plain", "s3://bucket/gz/a", "Gzip", null, null), null, HostSlot.single());
        assertEquals("alpha", new String(readFifo(f.dataDir.resolve("plain_0")), StandardCharsets.UTF_8));
    }

    @Test
    void shuffleReordersEachEpochDeterministically() throws Exception {
        for (int i = 6; i < 40; i++) {
            f.put("s3://bucket/data/part-" + i, "record-" + i + ";");
        }
        f.materialize(pipe("a", "s3://bucket/data/", null, "RecordIO", 11L), null, HostSlot.single());
        f.materialize(pipe("b", "s3://bucket/data/", null, "RecordIO", 11L), null, HostSlot.single());
        List<String> a0 = records(readFifo(f.dataDir.resolve("a_0")));
        List<String> a1 = records(readFifo(f.dataDir.resolve("a_1")));
        List<String> b0 = records(readFifo(f.dataDir.resolve("b_0")));
        List<String> b1 = records(readFifo(f.dataDir.resolve("b_1")));
        assertEquals(a0, b0);
        assertEquals(a1, b1);
        assertNotEquals(a0, a1, "each epoch reshuffles");
        assertEquals(a0.stream().sorted().toList(), a1.stream().sorted().toList());
        assertEquals(40, a0.size());
    }

    @Test
    void shardedPipeDeliversTheHostsShare() throws Exception {
        f.materialize(channel("s", new S3DataSource("S3Prefix", "s3://bucket/data/", "ShardedByS3Key", null, null,
                null, null), null, "RecordIO", "Pipe", null), null, new HostSlot(1, 2, "algo-2", null));
        assertEquals(List.of("record-1;", "record-3;", "record-5;"), records(readFifo(f.dataDir.resolve("s_0"))));
    }

    @Test
    void manifestChannelStreamsItsObjectsInManifestOrder() throws Exception {
        f.put("s3://bucket/m.manifest", "[{\"prefix\": \"s3://bucket/data/\"}, \"part-4\", \"part-1\"]");
        f.materialize(channel("m", new S3DataSource("ManifestFile", "s3://bucket/m.manifest", null, null, null, null,
                null), null, null, "Pipe", null), null, HostSlot.single());
        assertEquals("record-4;record-1;", new String(readFifo(f.dataDir.resolve("m_0")), StandardCharsets.UTF_8));
    }

    @Test
    void augmentedManifestSendsEachAttributeAsARecord() throws Exception {
        f.put("s3://bucket/img/cat.jpg", ChannelFixture.gzip("CAT".getBytes(StandardCharsets.UTF_8)));
        f.put("s3://bucket/aug.manifest", "{\"image-ref\": \"s3://bucket/img/cat.jpg\", \"is-a-cat\": 1}\n"
                + "{\"is-a-cat\": \"no\", \"other\": true, \"image-ref\": \"s3://bucket/img/cat.jpg\"}\n");
        S3DataSource source = new S3DataSource("AugmentedManifestFile", "s3://bucket/aug.manifest", null,
                List.of("image-ref", "is-a-cat"), null, null, null);
        MaterializedChannel wrapped = f.materialize(channel("r", source, "Gzip", "RecordIO", "Pipe", null), null,
                HostSlot.single());
        assertEquals(List.of("CAT", "1", "CAT", "no"), records(readFifo(f.dataDir.resolve("r_0"))));
        assertEquals(2, wrapped.objectCount());
        f.materialize(channel("raw", source, "Gzip", null, "Pipe", null), null, HostSlot.single());
        assertEquals("CAT1CATno", new String(readFifo(f.dataDir.resolve("raw_0")), StandardCharsets.UTF_8));
    }

    @Test
    void closeWhileTheWriterWaitsForAReaderDoesNotHang() throws Exception {
        MaterializedChannel ch = f.materialize(pipe("idle", "s3://bucket/data/", null, null, null), null,
                HostSlot.single());
        Thread.sleep(100); // let the feeder reach open(), where it blocks until a reader arrives
        within(() -> {
            ch.close();
            return null;
        });
        assertFalse(Files.exists(f.dataDir.resolve("idle_0")));
        assertTrue(feeder("idle").map(t -> !t.isAlive()).orElse(true), "feeder thread ended");
    }

    @Test
    void closeWhileTheWriterIsBlockedOnAFullPipeDoesNotHang() throws Exception {
        f.put("s3://bucket/big/blob", new byte[4 << 20]); // far more than a pipe buffer holds
        MaterializedChannel ch = f.materialize(pipe("full", "s3://bucket/big/", null, null, null), null,
                HostSlot.single());
        try (InputStream reader = within(() -> Files.newInputStream(f.dataDir.resolve("full_0")))) {
            assertEquals(1024, reader.readNBytes(1024).length); // then stop reading
            Thread.sleep(100);
            within(() -> {
                ch.close();
                return null;
            });
            // Checked before this reader reads again: reading would unblock the feeder and hide a stuck one.
            assertTrue(feeder("full").map(t -> !t.isAlive()).orElse(true), "feeder thread ended within close()");
            within(() -> reader.readAllBytes()); // the stream ends: the reader is not stuck either
        }
        assertTrue(ch.failure().isEmpty(), "closing is not a failure");
    }

    @Test
    void afterCloseNoFifoIsLeftForAContainerToBlockOn() throws Exception {
        MaterializedChannel ch = f.materialize(pipe("wait", "s3://bucket/data/", null, null, null), null,
                HostSlot.single());
        readFifo(f.dataDir.resolve("wait_0"));
        Path next = f.dataDir.resolve("wait_1");
        Thread reader = new Thread(() -> {
            try (InputStream in = Files.newInputStream(next)) {
                in.readAllBytes();
            } catch (Exception e) {
                // either outcome is fine; what matters is that it returns
            }
        });
        reader.setDaemon(true);
        within(() -> {
            ch.close();
            return null;
        });
        reader.start();
        reader.join(ChannelFixture.LIMIT.toMillis());
        assertFalse(reader.isAlive(), "a reader opening after close finds no FIFO and does not block");
    }

    @Test
    void aReaderThatStopsEarlyStillGetsTheNextEpoch() throws Exception {
        f.put("s3://bucket/big/blob", new byte[1 << 20]);
        f.materialize(pipe("early", "s3://bucket/big/", null, null, null), null, HostSlot.single());
        within(() -> {
            try (InputStream in = Files.newInputStream(f.dataDir.resolve("early_0"))) {
                return in.readNBytes(10);
            }
        });
        // The feeder learns of the early close only from a broken pipe, so the next FIFO can lag a little.
        Path next = f.dataDir.resolve("early_1");
        within(() -> {
            while (!Files.exists(next)) {
                Thread.sleep(10);
            }
            return null;
        });
        assertEquals(1 << 20, readFifo(next).length);
    }

    @Test
    void aFeederErrorIsReportedAsTheChannelsFailure() throws Exception {
        f.put("s3://bucket/bad/not-gzip", "plain text");
        MaterializedChannel ch = f.materialize(pipe("bad", "s3://bucket/bad/", "Gzip", null, null), null,
                HostSlot.single());
        readFifo(f.dataDir.resolve("bad_0"));
        for (int i = 0; i < 200 && ch.failure().isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertTrue(ch.failure().orElseThrow().contains("bad"), ch.failure().toString());
        assertTrue(f.log.stream().anyMatch(line -> line.contains("stopped")), f.log.toString());
    }
}
