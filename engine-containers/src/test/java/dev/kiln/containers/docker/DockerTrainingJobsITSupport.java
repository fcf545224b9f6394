package dev.kiln.containers.docker;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** Reads model archives in container tests. */
final class DockerTrainingJobsITSupport {
    private DockerTrainingJobsITSupport() {}

    static boolean tarContains(Path tarGz, String name) throws Exception {
        try (InputStream in = Files.newInputStream(tarGz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.getName().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
