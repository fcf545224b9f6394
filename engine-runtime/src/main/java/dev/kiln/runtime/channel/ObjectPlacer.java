package dev.kiln.runtime.channel;

import dev.kiln.runtime.s3.SafePaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Puts a host's objects into a channel directory: copies (File), hard links (File with {@code linkFiles}, falling
 * back to a copy across file systems) or symbolic links to the stored objects (FastFile: nothing copied).
 */
final class ObjectPlacer {
    enum Method { COPY, HARD_LINK, SYMLINK }

    private ObjectPlacer() {}

    static void place(List<ChannelObject> objects, Path channelDir, Method method) {
        try {
            for (ChannelObject object : objects) {
                Path target = SafePaths.resolveInside(channelDir, object.relativePath(),
                        "Channel path '" + object.relativePath() + "'");
                Files.createDirectories(target.getParent());
                SafePaths.requireRealPathInside(channelDir, target.getParent(), "Channel path '"
                        + object.relativePath() + "'");
                Path source = object.object().path().toRealPath();
                Files.deleteIfExists(target);
                switch (method) {
                    case COPY -> Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    case HARD_LINK -> linkOrCopy(source, target);
                    case SYMLINK -> Files.createSymbolicLink(target, source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (FileSystemException | UnsupportedOperationException e) {
            // EXDEV (another file system) or no hard-link support: a copy is always correct.
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
