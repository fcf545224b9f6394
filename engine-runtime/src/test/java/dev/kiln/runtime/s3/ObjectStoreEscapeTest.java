package dev.kiln.runtime.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.error.ValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectStoreEscapeTest {
    @TempDir
    Path home;

    private ObjectStore store;
    private Path outside;

    @BeforeEach
    void open() throws Exception {
        store = new ObjectStore(home.resolve("s3"));
        outside = Files.createDirectories(home.resolve("outside"));
        Files.writeString(outside.resolve("secret"), "secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "s3://bucket/../x",
        "s3://bucket/../../outside/secret",
        "s3://bucket/a/../../x",
        "s3://bucket/a/..",
        "s3://bucket/./a",
        "s3://bucket//etc/passwd",
        "s3://bucket/a//b",
        "s3://bucket/a\0b",
        "s3://../x",
        "s3://bucket/..",
        "file:///etc/../root/x",
        "file:///a/./b",
        "file:///a//b",
        "file://etc/passwd",
        "file:///a\0b"})
    void escapeAttemptsAreRejectedWithTheUriInTheMessage(String uri) {
        ValidationException e = assertThrows(ValidationException.class, () -> store.resolve(uri));
        assertTrue(e.getMessage().contains(uri), e.getMessage());
        assertThrows(ValidationException.class, () -> store.list(uri));
        assertThrows(ValidationException.class, () -> store.exists(uri));
    }

    @Test
    void symlinkedObjectPointingOutsideIsRejected() throws Exception {
        Path bucket = Files.createDirectories(home.resolve("s3/bucket"));
        Files.writeString(bucket.resolve("ok"), "ok");
        Files.createSymbolicLink(bucket.resolve("leak"), outside.resolve("secret"));
        assertThrows(ValidationException.class, () -> store.resolve("s3://bucket/leak"));
        assertThrows(ValidationException.class, () -> store.exists("s3://bucket/leak"));
        assertThrows(ValidationException.class, () -> store.list("s3://bucket/"));
        assertEquals(1, store.list("s3://bucket/ok").size());
    }

    @Test
    void symlinkedDirectoryPointingOutsideIsRejected() throws Exception {
        Path bucket = Files.createDirectories(home.resolve("s3/bucket"));
        Files.createSymbolicLink(bucket.resolve("dir"), outside);
        assertThrows(ValidationException.class, () -> store.resolve("s3://bucket/dir/secret"));
        assertThrows(ValidationException.class, () -> store.list("s3://bucket/dir/"));
        assertThrows(ValidationException.class, () -> store.list("s3://bucket/"));
        Path file = Files.writeString(home.resolve("payload"), "x");
        assertThrows(ValidationException.class, () -> store.put("s3://bucket/dir/planted", file));
        assertTrue(Files.notExists(outside.resolve("planted")));
    }

    @Test
    void symlinkedBucketPointingOutsideIsRejected() throws Exception {
        Files.createSymbolicLink(home.resolve("s3/linked"), outside);
        assertThrows(ValidationException.class, () -> store.list("s3://linked/"));
        assertThrows(ValidationException.class, () -> store.resolve("s3://linked/secret"));
    }

    @Test
    void symlinksThatStayInsideTheStoreAreFollowed() throws Exception {
        Path bucket = Files.createDirectories(home.resolve("s3/bucket/real"));
        Files.writeString(bucket.resolve("x"), "x");
        Files.createSymbolicLink(home.resolve("s3/bucket/alias"), bucket);
        assertEquals(List.of("alias/x", "real/x"),
                store.list("s3://bucket/").stream().map(StoredObject::key).toList());
    }

    @Test
    void relativePathRulesAreExplicit() {
        for (String bad : List.of("../x", "a/../../x", "/abs", "a/./b", "", "a//b", "a\0b", "..", ".")) {
            assertThrows(ValidationException.class, () -> SafePaths.requireSafeRelative(bad, "entry", false), bad);
        }
        SafePaths.requireSafeRelative("a/b..c/..d", "entry", false);
        SafePaths.requireSafeRelative("a/b/", "entry", true);
        assertThrows(ValidationException.class, () -> SafePaths.requireSafeRelative("a/b/", "entry", false));
    }
}
