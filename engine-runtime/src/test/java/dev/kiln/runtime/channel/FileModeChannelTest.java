package dev.kiln.runtime.channel;

import static dev.kiln.runtime.channel.ChannelFixture.channel;
import static dev.kiln.runtime.channel.ChannelFixture.s3;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.S3DataSource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileModeChannelTest {
    @TempDir
    Path home;

    private ChannelFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ChannelFixture(home);
        f.put("s3://bucket/data/train/a.csv", "a,1\n");
        f.put("s3://bucket/data/train/sub/b.csv", "b,22\n");
        f.put("s3://bucket/data/tr.csv", "tr\n");
        f.put("s3://bucket/data/test/c.csv", "c\n");
    }

    @AfterEach
    void tearDown() {
        f.closeAll();
    }

    private static List<String> tree(Path dir) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> !Files.isDirectory(p)).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void fileModeCopiesPrefixObjectsRelativeToThePrefixsLastSlash() throws Exception {
        MaterializedChannel ch = f.materialize(s3("train", "S3Prefix", "s3://bucket/data/tr", null, null),
                "File", HostSlot.single());
        Path dir = f.dataDir.resolve("train");
        assertEquals(dir, ch.path());
        assertEquals("File", ch.inputMode());
        assertEquals(List.of("tr.csv", "train/a.csv", "train/sub/b.csv"), tree(dir));
        assertEquals("b,22\n", Files.readString(dir.resolve("train/sub/b.csv")));
        assertFalse(Files.isSymbolicLink(dir.resolve("tr.csv")));
        assertEquals(3, ch.objectCount());
        assertEquals(4 + 5 + 3, ch.byteCount());
        assertEquals(1, f.log.size());
        assertTrue(f.log.get(0).contains("train") && f.log.get(0).contains("3 objects")
                && f.log.get(0).contains("12 bytes") && f.log.get(0).contains("File"), f.log.get(0));
    }

    @Test
    void prefixEndingInSlashStripsTheWholePrefix() throws Exception {
        f.materialize(s3("train", "S3Prefix", "s3://bucket/data/train/", null, "File"), null, HostSlot.single());
        assertEquals(List.of("a.csv", "sub/b.csv"), tree(f.dataDir.resolve("train")));
    }

    @Test
    void converseDataIsHandedOverLikeAPrefix() throws Exception {
        f.materialize(s3("chat", "Converse", "s3://bucket/data/test/", null, "File"), null, HostSlot.single());
        assertEquals(List.of("c.csv"), tree(f.dataDir.resolve("chat")));
    }

    @Test
    void fastFileLinksToStoredObjectsWithoutCopying() throws Exception {
        MaterializedChannel ch = f.materialize(s3("train", "S3Prefix", "s3://bucket/data/train", null, null),
                "FastFile", HostSlot.single());
        Path a = f.dataDir.resolve("train/train/a.csv");
        assertEquals("FastFile", ch.inputMode());
        assertTrue(Files.isSymbolicLink(a));
        assertEquals(f.store.resolve("s3://bucket/data/train/a.csv").toRealPath(), Files.readSymbolicLink(a));
        assertEquals("a,1\n", Files.readString(a));
        assertTrue(f.log.get(0).contains("FastFile"), f.log.get(0));
    }

    @Test
    void linkFilesHardLinksOnTheSameFileSystem() throws Exception {
        ChannelMaterializer linking = new ChannelMaterializer(f.store, home.resolve("fs"), true);
        f.materialize(linking, s3("train", "S3Prefix", "s3://bucket/data/train/", null, null), "File",
                HostSlot.single());
        Path copy = f.dataDir.resolve("train/a.csv");
        Path stored = f.store.resolve("s3://bucket/data/train/a.csv");
        assertFalse(Files.isSymbolicLink(copy));
        assertEquals(Files.getAttribute(stored, "unix:ino"), Files.getAttribute(copy, "unix:ino"));
    }

    @Test
    void channelInputModeOverridesTheJobsMode() throws Exception {
        MaterializedChannel ch = f.materialize(s3("train", "S3Prefix", "s3://bucket/data/test/", null, "FastFile"),
                "File", HostSlot.single());
        assertEquals("FastFile", ch.inputMode());
        assertTrue(Files.isSymbolicLink(f.dataDir.resolve("train/c.csv")));
    }

    @Test
    void manifestObjectsArePlacedAtTheirEntries() throws Exception {
        f.put("s3://bucket/lists/train.manifest",
                "[{\"prefix\": \"s3://bucket/data/\"}, \"train/a.csv\", \"test/c.csv\"]");
        for (String mode : List.of("File", "FastFile")) {
            String name = "m-" + mode;
            MaterializedChannel ch = f.materialize(s3(name, "ManifestFile", "s3://bucket/lists/train.manifest",
                    null, mode), null, HostSlot.single());
            assertEquals(List.of("test/c.csv", "train/a.csv"), tree(f.dataDir.resolve(name)));
            assertEquals("c\n", Files.readString(f.dataDir.resolve(name).resolve("test/c.csv")));
            assertEquals(2, ch.objectCount());
            assertEquals(mode.equals("FastFile"), Files.isSymbolicLink(f.dataDir.resolve(name + "/test/c.csv")));
        }
    }

    @Test
    void manifestProblemsAreChannelDataErrors() throws Exception {
        f.put("s3://bucket/m/missing.manifest", "[{\"prefix\": \"s3://bucket/data/\"}, \"train/nope.csv\"]");
        f.put("s3://bucket/m/bad.manifest", "{\"prefix\": \"s3://bucket/data/\"}");
        f.put("s3://bucket/m/empty.manifest", "[{\"prefix\": \"s3://bucket/data/\"}]");
        f.put("s3://bucket/m/notjson.manifest", "[{");
        for (String name : List.of("missing", "bad", "empty", "notjson", "absent")) {
            ChannelDataException e = assertThrows(ChannelDataException.class, () -> f.materialize(
                    s3("train", "ManifestFile", "s3://bucket/m/" + name + ".manifest", null, "File"), null,
                    HostSlot.single()), name);
            assertTrue(e.getMessage().startsWith("ClientError: "), e.getMessage());
        }
    }

    @Test
    void emptyPrefixFailsLikeTheService() {
        ChannelDataException e = assertThrows(ChannelDataException.class, () -> f.materialize(
                s3("train", "S3Prefix", "s3://bucket/nothing/", null, "File"), null, HostSlot.single()));
        assertTrue(e.getMessage().contains("No S3 objects found under S3 URL \"s3://bucket/nothing/\""),
                e.getMessage());
    }

    @Test
    void gzipAndRecordIoArePassedThroughUntouchedInFileMode() throws Exception {
        byte[] packed = ChannelFixture.gzip("payload".getBytes(StandardCharsets.UTF_8));
        f.put("s3://bucket/gz/x.gz", packed);
        f.materialize(channel("train", new S3DataSource("S3Prefix", "s3://bucket/gz/", null, null, null, null, null),
                "Gzip", "RecordIO", "File", null), null, HostSlot.single());
        assertArrayEquals(packed, Files.readAllBytes(f.dataDir.resolve("train/x.gz")));
    }

    @Test
    void augmentedManifestInFileModeWritesTheEpochZeroPipeStream() throws Exception {
        f.put("s3://bucket/img/1.jpg", "IMG1");
        f.put("s3://bucket/aug/train.manifest", "{\"source-ref\": \"s3://bucket/img/1.jpg\", \"label\": 1, \"x\": 0}\n"
                + "\n{\"label\": {\"k\": \"v\"}, \"source-ref\": \"s3://bucket/data/tr.csv\"}\n");
        MaterializedChannel ch = f.materialize(channel("train", new S3DataSource("AugmentedManifestFile",
                "s3://bucket/aug/train.manifest", null, List.of("source-ref", "label"), null, null, null),
                null, "RecordIO", "File", null), null, HostSlot.single());
        byte[] written = Files.readAllBytes(f.dataDir.resolve("train/train.manifest"));
        ByteArrayInputStream in = new ByteArrayInputStream(written);
        for (String expected : List.of("IMG1", "1", "tr\n", "{\"k\":\"v\"}")) {
            assertEquals(expected, new String(RecordIo.readRecord(in), StandardCharsets.UTF_8));
        }
        assertNull(RecordIo.readRecord(in));
        assertEquals(2, ch.objectCount());
    }

    @Test
    void augmentedManifestProblems() throws Exception {
        f.put("s3://bucket/aug/m", "{\"source-ref\": \"s3://bucket/img/none.jpg\"}\n");
        S3DataSource missingRef = new S3DataSource("AugmentedManifestFile", "s3://bucket/aug/m", null,
                List.of("source-ref"), null, null, null);
        assertThrows(ChannelDataException.class, () -> f.materialize(channel("a", missingRef, null, null, "Pipe",
                null), null, HostSlot.single()));
        S3DataSource missingAttribute = new S3DataSource("AugmentedManifestFile", "s3://bucket/aug/m", null,
                List.of("label"), null, null, null);
        ChannelDataException e = assertThrows(ChannelDataException.class, () -> f.materialize(channel("b",
                missingAttribute, null, null, "File", null), null, HostSlot.single()));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("'label'"), e.getMessage());
        ValidationException fast = assertThrows(ValidationException.class, () -> f.materialize(channel("c",
                missingAttribute, null, null, "FastFile", null), null, HostSlot.single()));
        assertTrue(fast.getMessage().contains("FastFile"), fast.getMessage());
        S3DataSource noAttributes = new S3DataSource("AugmentedManifestFile", "s3://bucket/aug/m", null, null, null,
                null, null);
        assertThrows(ValidationException.class, () -> f.materialize(channel("d", noAttributes, null, null, "Pipe",
                null), null, HostSlot.single()));
    }

    @Test
    void invalidChannelSettingsAreValidationErrors() {
        S3DataSource prefix = new S3DataSource("S3Prefix", "s3://bucket/data/", null, null, null, null, null);
        for (var bad : List.of(
                channel("train", prefix, "Zip", null, "File", null),
                channel("train", prefix, null, "Avro", "File", null),
                channel("train", prefix, null, null, "Stream", null),
                channel("bad/name", prefix, null, null, "File", null),
                channel("train", new S3DataSource("Folder", "s3://bucket/data/", null, null, null, null, null), null,
                        null, "File", null),
                channel("train", new S3DataSource("S3Prefix", "s3://bucket/data/", "Random", null, null, null, null),
                        null, null, "File", null))) {
            assertThrows(ValidationException.class, () -> f.materialize(bad, null, HostSlot.single()),
                    bad.toString());
        }
    }
}
