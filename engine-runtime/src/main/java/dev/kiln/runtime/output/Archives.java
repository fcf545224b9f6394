package dev.kiln.runtime.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Writes model.tar.gz and output.tar.gz the way the service packs them: paths relative to the directory. */
public final class Archives {
    private Archives() {}

    /** Packs every regular file and directory under {@code dir} into a gzip-compressed tar at {@code target}. */
    public static void tarGz(Path dir, Path target) throws IOException {
        tarGz(List.of(dir), target);
    }

    /**
     * Packs several directories into one archive, as if merged: a path present in more than one is
     * taken from the first (the hosts of a cluster, algo-1 first).
     */
    public static void tarGz(List<Path> dirs, Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        java.util.TreeMap<String, Path> byName = new java.util.TreeMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(p -> !p.equals(dir)).toList()) {
                    byName.putIfAbsent(dir.relativize(p).toString().replace('\\', '/'), p);
                }
            }
        }
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(target));
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (var entry : byName.entrySet()) {
                String name = entry.getKey();
                Path p = entry.getValue();
                // Links are archived as what they point to: a symlink out of the model dir must not leak a path.
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    TarArchiveEntry e = new TarArchiveEntry(p.toFile(), name + "/");
                    tar.putArchiveEntry(e);
                    tar.closeArchiveEntry();
                } else if (Files.isRegularFile(p)) {
                    TarArchiveEntry e = new TarArchiveEntry(name);
                    e.setSize(Files.size(p));
                    e.setModTime(Files.getLastModifiedTime(p).toMillis());
                    e.setMode(Files.isExecutable(p) ? 0100755 : 0100644);
                    tar.putArchiveEntry(e);
                    try (InputStream in = Files.newInputStream(p)) {
                        in.transferTo(tar);
                    }
                    tar.closeArchiveEntry();
                }
            }
            tar.finish();
        }
    }
}
