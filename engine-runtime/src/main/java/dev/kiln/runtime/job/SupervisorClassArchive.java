package dev.kiln.runtime.job;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A class-data-sharing archive for detached job supervisors, kept in {@code $KILN_HOME/cache/cds/}:
 * most of a supervisor's start-up is loading Jackson and the SQLite driver, which CDS maps from the
 * archive instead (about half the start time). The archive is keyed by the JDK and the class path
 * (names, sizes and times of its entries), so a rebuilt jar gets a new one. The first supervisor
 * dumps the archive at exit to a temporary file; a later launch promotes it once it is complete,
 * so a half-written archive is never mapped. Any problem only means starting without CDS.
 */
final class SupervisorClassArchive {
    private static final Duration SETTLE = Duration.ofSeconds(1);

    private SupervisorClassArchive() {}

    /** JVM options that use the archive, or create it when there is none yet. */
    static List<String> jvmOptions(Path cacheDir) {
        try {
            Path dir = cacheDir.resolve("cds");
            Files.createDirectories(dir);
            String key = key();
            Path archive = dir.resolve("supervisor-" + key + ".jsa");
            if (!Files.exists(archive)) {
                promoteFinishedDump(dir, key, archive);
            }
            if (Files.exists(archive)) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            }
            try (Stream<Path> pending = Files.list(dir)) {
                if (pending.anyMatch(p -> p.getFileName().toString().startsWith("supervisor-" + key + ".jsa."))) {
                    return List.of(); // another supervisor is writing it
                }
            }
            Path dump = dir.resolve("supervisor-" + key + ".jsa." + ProcessHandle.current().pid() + "." + System.nanoTime());
            return List.of("-XX:ArchiveClassesAtExit=" + dump, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static void promoteFinishedDump(Path dir, String key, Path archive) throws IOException {
        Instant settled = Instant.now().minus(SETTLE);
        List<Path> dumps = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().startsWith("supervisor-" + key + ".jsa.")).forEach(dumps::add);
        }
        for (Path d : dumps) {
            if (Files.size(d) > 0 && Files.getLastModifiedTime(d).toInstant().isBefore(settled)) {
                Files.move(d, archive, StandardCopyOption.ATOMIC_MOVE);
                return;
            }
        }
    }

    private static String key() throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((System.getProperty("java.home") + "|" + System.getProperty("java.vm.version")).getBytes(StandardCharsets.UTF_8));
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path p = Path.of(entry);
                md.update(entry.getBytes(StandardCharsets.UTF_8));
                if (Files.isRegularFile(p)) {
                    md.update((Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis()).getBytes(StandardCharsets.UTF_8));
                }
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
