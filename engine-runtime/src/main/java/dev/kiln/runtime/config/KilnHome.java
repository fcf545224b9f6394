package dev.kiln.runtime.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Kiln home directory ({@code --home}, else {@code KILN_HOME}, else {@code ~/.kiln}) and its layout:
 * {@code kiln.db} (job records), {@code jobs/<name>/} (each job's /opt/ml tree and logs),
 * {@code s3/<bucket>/<key>} (the local object store), {@code fs/<FileSystemId>/} (EFS/FSx stand-ins),
 * {@code cache/} (native-library unpack caches) and {@code config.properties}.
 */
public record KilnHome(Path root) {

    public KilnHome {
        root = root.toAbsolutePath().normalize();
    }

    /** Resolves the home from a CLI flag (may be null), then {@code KILN_HOME}, then {@code ~/.kiln}. */
    public static KilnHome resolve(String flag) {
        if (flag != null && !flag.isBlank()) {
            return new KilnHome(Path.of(flag));
        }
        String env = System.getenv("KILN_HOME");
        if (env != null && !env.isBlank()) {
            return new KilnHome(Path.of(env));
        }
        return new KilnHome(Path.of(System.getProperty("user.home"), ".kiln"));
    }

    public Path database() {
        return root.resolve("kiln.db");
    }

    public Path jobsDir() {
        return root.resolve("jobs");
    }

    public Path jobDir(String jobName) {
        return jobsDir().resolve(jobName);
    }

    public Path s3Root() {
        return root.resolve("s3");
    }

    public Path fsRoot() {
        return root.resolve("fs");
    }

    public Path cacheDir() {
        return root.resolve("cache");
    }

    public Path configFile() {
        return root.resolve("config.properties");
    }

    /** Creates the directories that must exist before any job runs. */
    public KilnHome ensureExists() {
        try {
            Files.createDirectories(jobsDir());
            Files.createDirectories(s3Root());
            Files.createDirectories(fsRoot());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Kiln home " + root, e);
        }
    }
}
