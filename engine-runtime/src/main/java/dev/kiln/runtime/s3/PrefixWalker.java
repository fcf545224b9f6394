package dev.kiln.runtime.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Walks the directory that holds a prefix and collects the regular files whose key starts with the prefix.
 * Directories that cannot contain a match are pruned, and (inside the store) every entry reached through a
 * symbolic link must have its real path inside the store root.
 */
final class PrefixWalker extends SimpleFileVisitor<Path> {
    private final ObjectLocation prefix;
    private final Path base;
    private final Path confinement; // null for file:// listings, which are not confined
    private final String uri;
    private final List<StoredObject> found = new ArrayList<>();

    PrefixWalker(ObjectLocation prefix, Path base, Path confinement, String uri) {
        this.prefix = prefix;
        this.base = base;
        this.confinement = confinement;
        this.uri = uri;
    }

    List<StoredObject> walk(Path start) {
        try {
            Files.walkFileTree(start, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        String dirKey = keyOf(dir);
        String asPrefix = dirKey.isEmpty() ? "" : dirKey + "/";
        boolean mayMatch = prefix.key().startsWith(asPrefix) || asPrefix.startsWith(prefix.key());
        if (!mayMatch) {
            return FileVisitResult.SKIP_SUBTREE;
        }
        confine(dir);
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        String key = keyOf(file);
        if (!attrs.isRegularFile() || !key.startsWith(prefix.key()) || isStaging(file)) {
            return FileVisitResult.CONTINUE;
        }
        confine(file);
        found.add(new StoredObject(prefix.bucket(), key, file, attrs.size()));
        return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof FileSystemLoopException) {
            return FileVisitResult.CONTINUE; // a link cycle adds no new objects
        }
        if (confinement != null && Files.isSymbolicLink(file)) {
            confine(file); // a dangling link inside the store is rejected like an escaping one
        }
        throw e;
    }

    /** A file:// put stages beside its target; a half-written copy is not an object yet. */
    private static boolean isStaging(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".kiln-put-") && name.endsWith(".tmp");
    }

    private void confine(Path path) {
        if (confinement != null) {
            SafePaths.requireRealPathInside(confinement, path, "S3 URI '" + uri + "'");
        }
    }

    private String keyOf(Path path) {
        return base.relativize(path).toString().replace('\\', '/');
    }
}
