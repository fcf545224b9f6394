package dev.kiln.runtime.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreTest {
    @TempDir
    Path home;

    private ObjectStore store;

    @BeforeEach
    void open() {
        store = new ObjectStore(home.resolve("s3"));
    }

    private void write(String uri, String content) throws Exception {
        Path file = Files.createTempFile(home, "src", ".tmp");
        Files.writeString(file, content);
        store.put(uri, file);
    }

    private List<String> keys(String prefixUri) {
        return store.list(prefixUri).stream().map(StoredObject::key).toList();
    }

    @Test
    void s3UriMapsToBucketAndKeyUnderTheRoot() {
        assertEquals(home.resolve("s3/my-bucket/data/train/x.csv"), store.resolve("s3://my-bucket/data/train/x.csv"));
        assertEquals(home.resolve("s3/my-bucket"), store.resolve("s3://my-bucket"));
        assertEquals(home.resolve("s3/my-bucket/data"), store.resolve("s3://my-bucket/data/"));
    }

    @Test
    void fileUriMapsToItsAbsolutePath() {
        assertEquals(Path.of("/srv/data/x.csv"), store.resolve("file:///srv/data/x.csv"));
        assertEquals(new ObjectLocation("", "srv/data/x.csv"), store.locate("file:///srv/data/x.csv"));
    }

    @Test
    void httpsUrisOfS3EndpointsAreUnderstood() {
        assertEquals(new ObjectLocation("my-bucket", "a/b"), store.locate("https://my-bucket.s3.amazonaws.com/a/b"));
        assertEquals(new ObjectLocation("my-bucket", "a/b"),
                store.locate("https://my-bucket.s3.us-west-2.amazonaws.com/a/b"));
        assertEquals(new ObjectLocation("my-bucket", "a/b"),
                store.locate("https://s3.us-west-2.amazonaws.com/my-bucket/a/b"));
        assertThrows(ValidationException.class, () -> store.locate("https://example.com/a/b"));
    }

    @Test
    void putThenHeadExistsAndReadBack() throws Exception {
        write("s3://bucket/a/b.txt", "hello");
        assertTrue(store.exists("s3://bucket/a/b.txt"));
        assertFalse(store.exists("s3://bucket/a/b"));
        assertFalse(store.exists("s3://bucket/a/"));
        StoredObject object = store.head("s3://bucket/a/b.txt").orElseThrow();
        assertEquals(5, object.size());
        assertEquals("hello", Files.readString(object.path()));
        write("s3://bucket/a/b.txt", "replaced");
        assertEquals("replaced", Files.readString(store.resolve("s3://bucket/a/b.txt")));
    }

    @Test
    void putLeavesNoStagingFilesBehind() throws Exception {
        write("s3://bucket/k", "x");
        write("file://" + home.resolve("out/k"), "y");
        try (var files = Files.walk(home)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().startsWith(".kiln-put-")).toList());
        }
        assertEquals(List.of("k"), keys("s3://bucket/"));
        assertEquals("y", Files.readString(home.resolve("out/k")));
    }

    @Test
    void listUsesPrefixStringSemanticsNotDirectories() throws Exception {
        for (String key : List.of("data/train/x.csv", "data/tr.csv", "data/test/y.csv", "data/train/sub/z.csv",
                "other/tr.csv", "data/trouble")) {
            write("s3://bucket/" + key, key);
        }
        assertEquals(List.of("data/tr.csv", "data/train/sub/z.csv", "data/train/x.csv", "data/trouble"),
                keys("s3://bucket/data/tr"));
        assertEquals(List.of("data/train/sub/z.csv", "data/train/x.csv"), keys("s3://bucket/data/train/"));
        assertEquals(List.of("data/train/sub/z.csv", "data/train/x.csv"), keys("s3://bucket/data/train"));
        assertEquals(6, keys("s3://bucket").size());
        assertEquals(List.of("data/tr.csv"), keys("s3://bucket/data/tr.csv"));
        assertEquals(List.of(), keys("s3://bucket/nothing"));
        assertEquals(List.of(), keys("s3://missing-bucket/"));
    }

    @Test
    void listSortsByUtf8BytesAsS3Does() throws Exception {
        // U+E000 is EE 80 80 in UTF-8 and U+10000 is F0 90 80 80: UTF-8 puts U+E000 first, while UTF-16
        // (String.compareTo) puts U+10000's surrogate pair D800 DC00 first.
        List<String> keys = List.of("p/\uE000", "p/\uD800\uDC00", "p/B", "p/a0", "p/a-b", "p/a/b");
        for (String key : keys) {
            write("s3://bucket/" + key, "x");
        }
        assertEquals(List.of("p/B", "p/a-b", "p/a/b", "p/a0", "p/\uE000", "p/\uD800\uDC00"), keys("s3://bucket/p/"));
    }

    @Test
    void listReturnsRegularFilesWithSizes() throws Exception {
        write("s3://bucket/d/one", "1");
        write("s3://bucket/d/three", "333");
        Files.createDirectories(store.resolve("s3://bucket/d/empty-dir/"));
        List<StoredObject> objects = store.list("s3://bucket/d/");
        assertEquals(List.of("d/one", "d/three"), objects.stream().map(StoredObject::key).toList());
        assertEquals(List.of(1L, 3L), objects.stream().map(StoredObject::size).toList());
        assertEquals("bucket", objects.get(0).bucket());
    }

    @Test
    void fileUriListingUsesTheSamePrefixRules() throws Exception {
        Path dir = Files.createDirectories(home.resolve("local/data/train"));
        Files.writeString(dir.resolve("x.csv"), "x");
        Files.writeString(home.resolve("local/data/tr.csv"), "t");
        List<StoredObject> objects = store.list("file://" + home.resolve("local/data/tr"));
        assertEquals(2, objects.size());
        assertTrue(objects.get(0).key().endsWith("local/data/tr.csv"));
        assertEquals("", objects.get(0).bucket());
    }

    @Test
    void putDirectoryUploadsEveryFileUnderThePrefix() throws Exception {
        Path dir = Files.createDirectories(home.resolve("model/sub"));
        Files.writeString(home.resolve("model/a.bin"), "a");
        Files.writeString(dir.resolve("b.bin"), "bb");
        assertEquals(2, store.putDirectory("s3://bucket/out/job", home.resolve("model")));
        assertEquals(List.of("out/job/a.bin", "out/job/sub/b.bin"), keys("s3://bucket/out/"));
        store.putDirectory("s3://bucket/", home.resolve("model"));
        assertTrue(store.exists("s3://bucket/sub/b.bin"));
        assertEquals("bb", Files.readString(store.resolve("s3://bucket/out/job/sub/b.bin"), StandardCharsets.UTF_8));
    }

    @Test
    void putOverAnObjectUsedAsADirectoryIsAValidationError() throws Exception {
        write("s3://bucket/a", "file");
        ValidationException e = assertThrows(ValidationException.class, () -> write("s3://bucket/a/b", "x"));
        assertTrue(e.getMessage().contains("s3://bucket/a/b"), e.getMessage());
        assertThrows(ValidationException.class, () -> write("s3://bucket/dir/", "x"));
    }

    @Test
    void bucketNamesFollowS3Rules() {
        for (String ok : List.of("abc", "my.bucket-1", "a".repeat(63), "1bucket")) {
            store.locate("s3://" + ok + "/k");
        }
        for (String bad : List.of("ab", "a".repeat(64), "Upper", "under_score", "-lead", "trail-", "dot..dot",
                "192.168.1.1", ".dot", "")) {
            ValidationException e = assertThrows(ValidationException.class, () -> store.locate("s3://" + bad + "/k"),
                    bad);
            assertTrue(e.getMessage().contains("s3://" + bad + "/k"), e.getMessage());
        }
    }

    @Test
    void otherSchemesAreRejected() {
        for (String bad : List.of("gs://bucket/k", "bucket/k", "", "s3:/bucket/k", "file://relative/x")) {
            assertThrows(ValidationException.class, () -> store.resolve(bad), bad);
        }
    }
}
