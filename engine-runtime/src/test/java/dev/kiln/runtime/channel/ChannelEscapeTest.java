package dev.kiln.runtime.channel;

import static dev.kiln.runtime.channel.ChannelFixture.channel;
import static dev.kiln.runtime.channel.ChannelFixture.s3;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.Channel;
import dev.kiln.api.training.S3DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a request could read or write outside its root is rejected before anything is placed. */
class ChannelEscapeTest {
    @TempDir
    Path home;

    private ChannelFixture f;

    @BeforeEach
    void setUp() throws Exception {
        f = new ChannelFixture(home);
        f.put("s3://bucket/data/ok.csv", "ok");
        Files.writeString(home.resolve("secret"), "secret");
        Path bucket = f.store.resolve("s3://bucket/");
        Files.createDirectories(bucket.resolve("linked"));
        Files.createSymbolicLink(bucket.resolve("linked/passwd"), home.resolve("secret"));
        f.put("s3://bucket/m/dotdot.manifest", "[{\"prefix\": \"s3://bucket/data/\"}, \"../../etc/passwd\"]");
        f.put("s3://bucket/m/inner.manifest", "[{\"prefix\": \"s3://bucket/data/\"}, \"a/../../ok.csv\"]");
        f.put("s3://bucket/m/absolute.manifest", "[{\"prefix\": \"s3://bucket/data/\"}, \"/etc/passwd\"]");
        f.put("s3://bucket/m/nul.manifest", "[{\"prefix\": \"s3://bucket/data/\"}, \"ok\\u0000.csv\"]");
        f.put("s3://bucket/m/noslash.manifest", "[{\"prefix\": \"s3://bucket/data\"}, \"../secret\"]");
        f.put("s3://bucket/m/prefix.manifest", "[{\"prefix\": \"s3://bucket/../\"}, \"secret\"]");
        f.put("s3://bucket/m/link.manifest", "[{\"prefix\": \"s3://bucket/linked/\"}, \"passwd\"]");
        f.put("s3://bucket/aug/escape.manifest", "{\"source-ref\": \"s3://bucket/../secret\"}\n");
        f.put("s3://bucket/aug/link.manifest", "{\"source-ref\": \"s3://bucket/linked/passwd\"}\n");
    }

    private static S3DataSource source(String type, String uri) {
        List<String> attributes = type.equals("AugmentedManifestFile") ? List.of("source-ref") : null;
        return new S3DataSource(type, uri, null, attributes, null, null, null);
    }

    static Stream<Arguments> attempts() {
        return Stream.of(
                Arguments.of("prefix with ..", channel("c", source("S3Prefix", "s3://bucket/../x"), null, null, null,
                        null)),
                Arguments.of("key with .. segment", channel("c", source("S3Prefix", "s3://bucket/data/../../x"), null,
                        null, null, null)),
                Arguments.of("absolute key", channel("c", source("S3Prefix", "s3://bucket//etc/passwd"), null, null,
                        null, null)),
                Arguments.of("NUL in key", channel("c", source("S3Prefix", "s3://bucket/data\0/x"), null, null, null,
                        null)),
                Arguments.of("manifest entry ../../etc/passwd", s3("c", "ManifestFile",
                        "s3://bucket/m/dotdot.manifest", null, null)),
                Arguments.of("manifest entry a/../../ok.csv", s3("c", "ManifestFile", "s3://bucket/m/inner.manifest",
                        null, null)),
                Arguments.of("manifest entry /etc/passwd", s3("c", "ManifestFile", "s3://bucket/m/absolute.manifest",
                        null, null)),
                Arguments.of("manifest entry with NUL", s3("c", "ManifestFile", "s3://bucket/m/nul.manifest", null,
                        null)),
                Arguments.of("manifest entry ../ after a prefix without /", s3("c", "ManifestFile",
                        "s3://bucket/m/noslash.manifest", null, null)),
                Arguments.of("manifest prefix with ..", s3("c", "ManifestFile", "s3://bucket/m/prefix.manifest", null,
                        null)),
                Arguments.of("manifest object is a symlink out", s3("c", "ManifestFile",
                        "s3://bucket/m/link.manifest", null, null)),
                Arguments.of("augmented -ref with ..", channel("c", source("AugmentedManifestFile",
                        "s3://bucket/aug/escape.manifest"), null, null, "Pipe", null)),
                Arguments.of("augmented -ref is a symlink out", channel("c", source("AugmentedManifestFile",
                        "s3://bucket/aug/link.manifest"), null, null, "Pipe", null)),
                Arguments.of("symlink in the store pointing outside", s3("c", "S3Prefix", "s3://bucket/linked/", null,
                        null)),
                Arguments.of("channel name ..", s3("..", "S3Prefix", "s3://bucket/data/", null, null)),
                Arguments.of("channel name .", s3(".", "S3Prefix", "s3://bucket/data/", null, null)),
                Arguments.of("channel name with /", s3("a/../..", "S3Prefix", "s3://bucket/data/", null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attempts")
    void isRejected(String attempt, Channel channel) throws Exception {
        for (String mode : List.of("File", "FastFile", "Pipe")) {
            if (mode.equals("FastFile") && channel.dataSource().s3DataSource().s3DataType().startsWith("Augmented")) {
                continue;
            }
            Channel withMode = new Channel(channel.channelName(), channel.dataSource(), null, null, null, mode, null);
            assertThrows(ValidationException.class, () -> f.materialize(withMode, null, HostSlot.single()),
                    attempt + " in " + mode);
        }
        try (Stream<Path> left = Files.walk(home)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().equals("passwd") && !p.startsWith(
                    f.store.root())), "nothing placed for " + attempt);
        }
        assertTrue(Files.notExists(f.dataDir.resolve("c")) || isEmpty(f.dataDir.resolve("c")), attempt);
    }

    private static boolean isEmpty(Path dir) throws Exception {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
