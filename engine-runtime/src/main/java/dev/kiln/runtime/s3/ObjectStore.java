package dev.kiln.runtime.s3;

import dev.kiln.api.error.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The workstation's S3: {@code s3://bucket/key} is the regular file {@code <root>/bucket/key}, and
 * {@code file:///abs/path} is that path. Keys can never leave the root: {@code ..}, {@code .}, empty segments,
 * absolute keys and NUL are rejected, and symbolic links inside the store must resolve inside it.
 * Invalid URIs raise {@link ValidationException} naming the URI.
 */
public final class ObjectStore {
    /** Bucket names cannot start with a dot, so staging here never collides with a bucket. */
    private static final String STAGING_DIR = ".staging";

    private final Path root;

    /** Opens (creating it if needed) the store rooted at {@code $KILN_HOME/s3}. */
    public ObjectStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path root() {
        return root;
    }

    /** Parses and validates a URI without touching the file system. */
    public ObjectLocation locate(String uri) {
        return ObjectUris.parse(uri);
    }

    /**
     * The local path for a URI (an object, or a prefix ending in {@code /}). For {@code s3://} URIs the path, and
     * the real path of whatever part of it exists, is inside the root.
     */
    public Path resolve(String uri) {
        ObjectLocation location = locate(uri);
        if (location.isFile()) {
            return Path.of("/" + location.key());
        }
        Path path = root.resolve(location.bucket()).resolve(location.key()).normalize();
        SafePaths.requireRealPathInside(root, path, "S3 URI '" + uri + "'");
        return path;
    }

    /** True when an object with exactly this key exists. */
    public boolean exists(String uri) {
        return head(uri).isPresent();
    }

    /** The object with exactly this key, if it exists (a directory is not an object). */
    public Optional<StoredObject> head(String uri) {
        ObjectLocation location = locate(uri);
        if (location.key().isEmpty() || location.key().endsWith("/")) {
            return Optional.empty();
        }
        Path path = resolve(uri);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StoredObject(location.bucket(), location.key(), path, Files.size(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every object whose key starts with the prefix string (S3 semantics: {@code s3://b/data/tr} matches
     * {@code data/train/x.csv} and {@code data/tr.csv}), regular files only, sorted by UTF-8 byte order of the key.
     * A missing bucket or prefix yields an empty list.
     */
    public List<StoredObject> list(String prefixUri) {
        ObjectLocation location = locate(prefixUri);
        Path base = location.isFile() ? Path.of("/") : root.resolve(location.bucket());
        Path start = base.resolve(location.directoryPart()).normalize();
        if (!location.isFile()) {
            SafePaths.requireRealPathInside(root, start, "S3 URI '" + prefixUri + "'");
        }
        if (!Files.isDirectory(start)) {
            return List.of();
        }
        List<StoredObject> found = new PrefixWalker(location, base, location.isFile() ? null : root, prefixUri)
                .walk(start);
        found.sort((a, b) -> ObjectUris.UTF8_ORDER.compare(a.key(), b.key()));
        return found;
    }

    /** Stores a copy of {@code file} under the URI atomically: readers see the old object or the whole new one. */
    public void put(String uri, Path file) {
        ObjectLocation location = locate(uri);
        if (location.key().isEmpty() || location.key().endsWith("/")) {
            throw new ValidationException("Invalid S3 URI '" + uri + "': an object key cannot be empty or end in '/'");
        }
        Path target = resolve(uri);
        try {
            Files.createDirectories(target.getParent());
            if (!location.isFile()) {
                // createDirectories follows links; re-check that nothing it walked through leads out.
                SafePaths.requireRealPathInside(root, target, "S3 URI '" + uri + "'");
            }
            Path staging = stagingFileFor(location, target);
            try {
                Files.copy(file, staging, StandardCopyOption.REPLACE_EXISTING);
                moveIntoPlace(staging, target);
            } finally {
                Files.deleteIfExists(staging);
            }
        } catch (FileAlreadyExistsException | NotDirectoryException e) {
            throw new ValidationException("Cannot store '" + uri + "': part of its key is already an object"
                    + " (the local store keeps objects as files, so 'a' and 'a/b' cannot both exist)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store '" + uri + "'", e);
        }
    }

    /**
     * Uploads every regular file under {@code dir} to {@code prefix/relative/path}, like {@code aws s3 cp --recursive}:
     * a prefix that does not end in {@code /} gets one. Returns the number of objects stored.
     */
    public int putDirectory(String prefixUri, Path dir) {
        ObjectLocation location = locate(prefixUri);
        String separator = location.key().isEmpty() || prefixUri.endsWith("/") ? "" : "/";
        List<Path> files = new ArrayList<>();
        try (var stream = Files.walk(dir)) {
            stream.filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.sort(null);
        for (Path file : files) {
            String rel = dir.relativize(file).toString().replace('\\', '/');
            put(prefixUri + separator + rel, file);
        }
        return files.size();
    }

    private Path stagingFileFor(ObjectLocation location, Path target) throws IOException {
        String name = ".kiln-put-" + UUID.randomUUID() + ".tmp";
        if (location.isFile()) {
            return target.resolveSibling(name);
        }
        Path staging = root.resolve(STAGING_DIR);
        Files.createDirectories(staging);
        return staging.resolve(name);
    }

    private static void moveIntoPlace(Path staging, Path target) throws IOException {
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException crossDevice) {
            // A bucket directory linked onto another file system: stage beside the target instead.
            Path sibling = target.resolveSibling(".kiln-put-" + UUID.randomUUID() + ".tmp");
            try {
                Files.copy(staging, sibling);
                Files.move(sibling, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(sibling);
            }
        }
    }
}
