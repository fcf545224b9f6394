package dev.kiln.runtime.channel;

import static dev.kiln.runtime.channel.ChannelFixture.fileSystem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.error.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemChannelTest {
    private static final String ID = "fs-0123456789abcdef0";

    @TempDir
    Path home;

    private ChannelFixture f;
    private Path shared;

    @BeforeEach
    void setUp() throws Exception {
        f = new ChannelFixture(home);
        shared = Files.createDirectories(home.resolve("fs").resolve(ID).resolve("datasets/train"));
        Files.writeString(shared.resolve("x.csv"), "1,2\n");
        Files.createDirectories(shared.resolve("sub"));
        Files.writeString(shared.resolve("sub/y.csv"), "3\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ro", "rw"})
    void channelDirectoryBecomesALinkToTheFileSystemDirectory(String access) throws Exception {
        MaterializedChannel ch = f.materialize(fileSystem("train", ID, "/datasets/train", access, null), "File",
                HostSlot.single());
        Path dir = f.dataDir.resolve("train");
        assertTrue(Files.isSymbolicLink(dir));
        assertEquals(shared.toRealPath(), Files.readSymbolicLink(dir));
        assertEquals("3\n", Files.readString(dir.resolve("sub/y.csv")));
        assertEquals(2, ch.objectCount());
        assertEquals(6, ch.byteCount());
        assertTrue(f.log.get(0).contains("EFS " + ID), f.log.get(0));
    }

    @Test
    void fastFileModeLinksTheDirectoryToo() throws Exception {
        MaterializedChannel ch = f.materialize(fileSystem("train", ID, "/datasets/train", "ro", "FastFile"), "File",
                HostSlot.single());
        assertEquals("FastFile", ch.inputMode());
        assertTrue(Files.isSymbolicLink(f.dataDir.resolve("train")));
    }

    @Test
    void aRetryMaterializesIntoTheSameDataDirectoryAgain() throws Exception {
        f.materialize(fileSystem("train", ID, "/datasets/train", "ro", "File"), null, HostSlot.single());
        f.materialize(fileSystem("train", ID, "/datasets/train/sub", "ro", "File"), null, HostSlot.single());
        assertEquals(shared.resolve("sub").toRealPath(), Files.readSymbolicLink(f.dataDir.resolve("train")));
        f.put("s3://bucket/data/x.csv", "x");
        f.materialize(ChannelFixture.s3("train", "S3Prefix", "s3://bucket/data/", null, "File"), null,
                HostSlot.single());
        assertTrue(Files.isDirectory(f.dataDir.resolve("train"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("x", Files.readString(f.dataDir.resolve("train/x.csv")));
        assertTrue(Files.exists(shared.resolve("x.csv")), "the file system behind the old link is untouched");
    }

    @Test
    void pipeModeIsRejectedForFileSystems() {
        assertThrows(ValidationException.class, () -> f.materialize(fileSystem("train", ID, "/datasets/train", "ro",
                null), "Pipe", HostSlot.single()));
    }

    @Test
    void missingDirectoryIsAChannelDataError() {
        assertThrows(ChannelDataException.class, () -> f.materialize(fileSystem("train", ID, "/nope", "ro", "File"),
                null, HostSlot.single()));
    }

    @Test
    void escapesAndBadIdsAreRejected() throws Exception {
        Files.createSymbolicLink(home.resolve("fs").resolve(ID).resolve("out"), home);
        for (String path : new String[] {"/../../etc", "/datasets/../../x", "/out", "/out/s3"}) {
            assertThrows(ValidationException.class, () -> f.materialize(fileSystem("train", ID, path, "ro", "File"),
                    null, HostSlot.single()), path);
        }
        for (String id : new String[] {"fs-1", "../fs-01234567", "fs-0123456789ABCDEF", "efs-01234567"}) {
            assertThrows(ValidationException.class, () -> f.materialize(fileSystem("train", id, "/", "ro", "File"),
                    null, HostSlot.single()), id);
        }
    }
}
