package dev.kiln.runtime.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One job's directory, {@code $KILN_HOME/jobs/<name>/}: the container's {@code /opt/ml} tree under
 * {@code opt/ml/} (so a Docker executor can bind-mount it unchanged) and the job's logs under {@code logs/}.
 */
public record JobLayout(Path jobDir) {

    public Path optMl() {
        return jobDir.resolve("opt").resolve("ml");
    }

    public Path inputDir() {
        return optMl().resolve("input");
    }

    public Path inputConfigDir() {
        return inputDir().resolve("config");
    }

    public Path dataDir() {
        return inputDir().resolve("data");
    }

    public Path modelDir() {
        return optMl().resolve("model");
    }

    public Path outputDir() {
        return optMl().resolve("output");
    }

    public Path outputDataDir() {
        return outputDir().resolve("data");
    }

    public Path failureFile() {
        return outputDir().resolve("failure");
    }

    public Path checkpointDir() {
        return optMl().resolve("checkpoints");
    }

    /** The checkpoint directory of a job: CheckpointConfig.LocalPath (default /opt/ml/checkpoints) in this tree. */
    public Path checkpointDir(dev.kiln.api.training.CheckpointConfig config) {
        if (config == null || config.localPath() == null || config.localPath().isBlank()) {
            return checkpointDir();
        }
        return containerPath(config.localPath());
    }

    /** TensorBoardOutputConfig.LocalPath (default /opt/ml/output/tensorboard) in this tree. */
    public Path tensorBoardDir(dev.kiln.api.training.TensorBoardOutputConfig config) {
        String p = config == null || config.localPath() == null || config.localPath().isBlank()
                ? "/opt/ml/output/tensorboard" : config.localPath();
        return containerPath(p);
    }

    public Path logsDir() {
        return jobDir.resolve("logs");
    }

    /**
     * The layout of another host of the same job: {@code algo-1} uses the job directory itself (as a
     * single-host job does), every other host {@code hosts/<name>/} beneath it.
     */
    public JobLayout forHost(String host) {
        return "algo-1".equals(host) ? this : new JobLayout(jobDir.resolve("hosts").resolve(host));
    }

    /** The log of host {@code algo-1} (one file per host). */
    public Path hostLog(String host) {
        return logsDir().resolve(host + ".log");
    }

    /** Maps an absolute container path (for example CheckpointConfig.LocalPath) into this job's tree. */
    public Path containerPath(String absolute) {
        String p = absolute.startsWith("/") ? absolute.substring(1) : absolute;
        // Container paths live under /opt/ml; keep them there and anything else under the job's root.
        Path resolved = jobDir.resolve(p).normalize();
        if (!resolved.startsWith(jobDir)) {
            throw new IllegalArgumentException("path escapes the job directory: " + absolute);
        }
        return resolved;
    }

    /**
     * Empties what a fresh instance would not have (input data, model, output, the checkpoint
     * directory) before an attempt on "new" capacity, then recreates the tree. Logs stay.
     */
    public JobLayout resetForNewInstance(dev.kiln.api.training.CheckpointConfig checkpoints) {
        try {
            for (Path p : new Path[] {dataDir(), modelDir(), outputDir(), checkpointDir(checkpoints)}) {
                deleteTree(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset job directory " + jobDir, e);
        }
        return create();
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p); // symlinks (FastFile, file systems) are removed, never followed
            }
        }
    }

    /** Creates the empty tree the contract promises. */
    public JobLayout create() {
        try {
            for (Path p : new Path[] {inputConfigDir(), dataDir(), modelDir(), outputDataDir(), checkpointDir(), logsDir()}) {
                Files.createDirectories(p);
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create job directory " + jobDir, e);
        }
    }
}
