package dev.kiln.gnn.algorithm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * The previous model a job warm-starts from: the optional {@code model} channel of SageMaker-style
 * incremental training. The channel holds either the {@code model.tar.gz} a training job wrote (the file
 * itself, or a folder holding it) or the unpacked model folder (the one with {@code model.json}, at the
 * top or one folder down). An archive is unpacked into a temporary folder that {@link #close} deletes.
 */
public final class PreviousModel implements AutoCloseable {
    /** The channel name, as SageMaker's built-in algorithms use it for incremental training. */
    public static final String CHANNEL = "model";

    private final Path dir;
    private final Path unpacked;
    private final JsonNode modelJson;

    private PreviousModel(Path dir, Path unpacked) throws IOException {
        this.dir = dir;
        this.unpacked = unpacked;
        this.modelJson = new ObjectMapper().readTree(dir.resolve("model.json").toFile());
    }

    /** Finds (unpacking if needed) the model in {@code channel}; fails naming the channel when there is none. */
    public static PreviousModel open(Path channel) throws IOException {
        if (Files.isRegularFile(channel)) {
            return unpack(channel);
        }
        Path dir = modelFolder(channel);
        if (dir != null) {
            return new PreviousModel(dir, null);
        }
        List<Path> archives = files(channel).stream().filter(PreviousModel::isArchive).toList();
        if (archives.size() == 1) {
            return unpack(archives.get(0));
        }
        throw new IOException("the model channel " + channel + " holds " + (archives.isEmpty()
                ? "neither a model.tar.gz nor a model folder with model.json" : archives.size() + " archives " + archives));
    }

    /** The unpacked model folder. */
    public Path dir() {
        return dir;
    }

    /** A file of the model; fails naming it when the previous model has no such file. */
    public Path file(String name) throws IOException {
        Path f = dir.resolve(name);
        if (!Files.isRegularFile(f)) {
            throw new IOException("the model channel's " + algorithm() + " model has no " + name
                    + " (was it written by an older version or another task?)");
        }
        return f;
    }

    /** The {@code model} field of model.json: the algorithm that wrote it (transe, distmult, rotate, rgcn). */
    public String algorithm() {
        return modelJson.path("model").asText("unknown");
    }

    /** model.json's {@code task} field, or an empty string (the KGE algorithms write none). */
    public String task() {
        return modelJson.path("task").asText("");
    }

    /** model.json as written by the previous job. */
    public JsonNode modelJson() {
        return modelJson;
    }

    /** Deletes the unpacked copy, if any (best effort: it lies under the temporary directory). */
    @Override
    public void close() {
        if (unpacked != null) {
            delete(unpacked);
        }
    }

    private static boolean isArchive(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".tar.gz") || n.endsWith(".tgz");
    }

    /** The folder holding model.json: {@code root} itself or a single folder below it; null if none. */
    private static Path modelFolder(Path root) throws IOException {
        if (Files.isRegularFile(root.resolve("model.json"))) {
            return root;
        }
        List<Path> found = files(root).stream().filter(p -> p.getFileName().toString().equals("model.json")).toList();
        return found.size() == 1 ? found.get(0).getParent() : null;
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root, 3)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    private static PreviousModel unpack(Path archive) throws IOException {
        Path target = Files.createTempDirectory("kiln-previous-model");
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive));
             GzipCompressorInputStream gz = new GzipCompressorInputStream(raw);
             TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                Path out = target.resolve(e.getName()).normalize();
                if (!out.startsWith(target)) {
                    throw new IOException(archive + ": entry outside the archive's folder: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else if (e.isFile()) {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out);
                }
            }
        } catch (IOException e) {
            delete(target);
            throw new IOException("cannot unpack the model channel's " + archive + ": " + e.getMessage(), e);
        }
        Path dir = modelFolder(target);
        if (dir == null) {
            delete(target);
            throw new IOException("the model channel's " + archive + " holds no model.json");
        }
        return new PreviousModel(dir, target);
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort on a temporary folder; a failure here must not hide the job's own outcome
        }
    }
}
