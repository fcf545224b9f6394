package dev.kiln.containers.docker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The Docker engine the integration tests run against, and their image. A test calls
 * {@link #require()}, which skips it (with the reason) when no engine answers or no static busybox
 * is installed. The image is made like {@code docker import}: a root file system of Debian's
 * busybox-static and the shell scripts under {@code src/test/resources/kiln-test-image}, tagged by a
 * hash of its content so it is built once per change.
 */
final class TestEngine {
    static final String REPOSITORY = "kiln-test/trainer";
    /** The same image under an ECR-style name, as a user would tag a pulled image. */
    static final String ECR_REPOSITORY = "123456789012.dkr.ecr.us-west-2.amazonaws.com/kiln-test";

    private static TestEngine instance;
    private static String skipReason;

    final DockerContainerRuntime runtime;
    final DockerClient client;
    final String image;
    final String ecrImage;

    private TestEngine(DockerContainerRuntime runtime, DockerClient client, String tag) {
        this.runtime = runtime;
        this.client = client;
        this.image = REPOSITORY + ":" + tag;
        this.ecrImage = ECR_REPOSITORY + ":" + tag;
    }

    /** The engine and image, or the test is skipped saying why. */
    static synchronized TestEngine require() {
        if (instance == null && skipReason == null) {
            try {
                instance = open();
            } catch (Skip s) {
                skipReason = s.getMessage();
            }
        }
        assumeTrue(instance != null, () -> "Docker integration test skipped: " + skipReason);
        return instance;
    }

    private static final class Skip extends Exception {
        Skip(String m) {
            super(m);
        }
    }

    private static TestEngine open() throws Skip {
        DockerContainerRuntime runtime = new DockerContainerRuntime(DockerSettings.from(Map.of()), System.getenv());
        Optional<String> why = runtime.unavailableReason();
        if (why.isPresent()) {
            throw new Skip(why.get() + " (run the build through .ci/with-docker.sh to get one)");
        }
        Path busybox = Stream.of(System.getenv("KILN_TEST_BUSYBOX"), "/bin/busybox", "/usr/bin/busybox")
                .filter(p -> p != null && Files.isRegularFile(Path.of(p))).map(Path::of)
                .filter(TestEngine::isStatic).findFirst()
                .orElseThrow(() -> new Skip("no statically linked busybox to build the test image from "
                        + "(apt-get install busybox-static, or set KILN_TEST_BUSYBOX)"));
        DockerClient client = runtime.engine(Path.of(".")).client();
        try {
            byte[] rootfs = rootFileSystem(busybox);
            String tag = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(rootfs), 0, 6);
            TestEngine e = new TestEngine(runtime, client, tag);
            ImageResolver images = new ImageResolver(client, DockerSettings.from(Map.of()), null);
            if (images.localId(e.image) == null || images.localId(e.ecrImage) == null) {
                client.loadImageCmd(new ByteArrayInputStream(imageArchive(rootfs, List.of(e.image, e.ecrImage)))).exec();
                removeOlderBuilds(client, List.of(e.image, e.ecrImage));
            }
            return e;
        } catch (IOException | NoSuchAlgorithmException | RuntimeException ex) {
            throw new Skip("cannot build the test image: " + ex);
        }
    }

    /** Untags test images of earlier script versions, so an engine's data root does not grow with each change. */
    private static void removeOlderBuilds(DockerClient client, List<String> current) {
        for (var image : client.listImagesCmd().exec()) {
            for (String tag : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                boolean ours = tag.startsWith(REPOSITORY + ":") || tag.startsWith(ECR_REPOSITORY + ":");
                if (ours && !current.contains(tag)) {
                    try {
                        client.removeImageCmd(tag).exec();
                    } catch (RuntimeException stillUsed) {
                        // a kept container uses it; leave it
                    }
                }
            }
        }
    }

    /**
     * The image in {@code docker save} form, for {@code docker load}: what {@code docker import} makes of
     * the root file system (the engine's import endpoint truncates bodies sent by docker-java).
     */
    private static byte[] imageArchive(byte[] layer, List<String> tags) throws IOException, NoSuchAlgorithmException {
        String diffId = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(layer));
        String arch = System.getProperty("os.arch").equals("aarch64") ? "arm64" : "amd64";
        String config = "{\"architecture\":\"" + arch + "\",\"os\":\"linux\",\"config\":{\"Env\":"
                + "[\"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"]},"
                + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + diffId + "\"]}}";
        String manifest = "[{\"Config\":\"config.json\",\"RepoTags\":[\"" + String.join("\",\"", tags)
                + "\"],\"Layers\":[\"layer.tar\"]}]";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            file(tar, "layer.tar", layer);
            file(tar, "config.json", config.getBytes(StandardCharsets.UTF_8));
            file(tar, "manifest.json", manifest.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    /** A tar of the image's root file system: busybox and its applets in /bin, the scripts, /tmp. */
    private static byte[] rootFileSystem(Path busybox) throws IOException {
        Path dir;
        try {
            dir = Path.of(TestEngine.class.getResource("/kiln-test-image/train").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String d : List.of("bin/", "etc/", "tmp/", "scripts/", "usr/", "usr/local/", "usr/local/bin/", "opt/", "opt/ml/")) {
                TarArchiveEntry e = entry(d);
                e.setMode(d.equals("tmp/") ? 01777 : 0755);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            file(tar, "bin/busybox", Files.readAllBytes(busybox));
            for (String applet : applets(busybox)) {
                if (!applet.equals("busybox") && !applet.contains("/")) {
                    TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarArchiveEntry.LF_SYMLINK);
                    link.setModTime(0);
                    link.setLinkName("busybox");
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                }
            }
            file(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n"
                    .getBytes(StandardCharsets.UTF_8));
            file(tar, "etc/group", "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8));
            file(tar, "usr/local/bin/train", Files.readAllBytes(dir.resolve("train")));
            try (Stream<Path> scripts = Files.list(dir.resolve("scripts")).sorted()) {
                for (Path s : scripts.toList()) {
                    file(tar, "scripts/" + s.getFileName(), Files.readAllBytes(s));
                }
            }
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry e = entry(name);
        e.setSize(content.length);
        e.setMode(0755);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    /** Fixed times keep the archive, and so the image tag, the same from build to build. */
    private static TarArchiveEntry entry(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setModTime(0);
        return e;
    }

    private static List<String> applets(Path busybox) throws IOException {
        Process p = new ProcessBuilder(busybox.toString(), "--list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether an ELF executable has no program interpreter (PT_INTERP), so it runs in an empty image. */
    static boolean isStatic(Path elf) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(elf));
            if (b.limit() < 64 || b.getInt(0) != 0x7f454c46) {
                return false;
            }
            boolean is64 = b.get(4) == 2;
            b.order(b.get(5) == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            long phoff = is64 ? b.getLong(32) : Integer.toUnsignedLong(b.getInt(28));
            int phentsize = Short.toUnsignedInt(b.getShort(is64 ? 54 : 42));
            int phnum = Short.toUnsignedInt(b.getShort(is64 ? 56 : 44));
            for (int i = 0; i < phnum; i++) {
                if (b.getInt((int) (phoff + (long) i * phentsize)) == 3) {
                    return false;
                }
            }
            return true;
        } catch (IOException | IndexOutOfBoundsException e) {
            return false;
        }
    }
}
