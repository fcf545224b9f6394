package dev.kiln.gnn.algorithm;

import dev.kiln.runtime.algorithm.DirectoryAlgorithmContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A context over temporary folders that records metrics, for driving an algorithm directly. */
final class FakeContext extends DirectoryAlgorithmContext {
    record Metric(String name, double value, Integer epoch) {}

    final List<Metric> metrics = new ArrayList<>();
    private final ByteArrayOutputStream logBytes;
    /** When positive, raise the stop signal once this many metrics have been emitted. */
    int stopAfterMetrics;
    /** The GPUs the job was granted (none, as a CPU instance type). */
    List<Integer> gpus = List.of();
    /** The CPU threads granted. */
    int cpus = 2;

    FakeContext(Path root, Map<String, String> hps, Map<String, Path> channels) {
        this(root, hps, channels, new ByteArrayOutputStream());
    }

    private FakeContext(Path root, Map<String, String> hps, Map<String, Path> channels, ByteArrayOutputStream logBytes) {
        super("test-job", root, hps, channels, 2, new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        this.logBytes = logBytes;
    }

    static Map<String, Path> kgChannels(Path dataset) {
        return Map.of("train", dataset.resolve("train.txt"), "validation", dataset.resolve("valid.txt"),
                "test", dataset.resolve("test.txt"));
    }

    String logText() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    double last(String name) {
        for (int i = metrics.size() - 1; i >= 0; i--) {
            if (metrics.get(i).name().equals(name)) {
                return metrics.get(i).value();
            }
        }
        throw new AssertionError("no metric " + name + " in " + metrics);
    }

    @Override
    public int numCpus() {
        return cpus;
    }

    @Override
    public List<Integer> gpuIds() {
        return gpus;
    }

    @Override
    protected synchronized void onMetric(String name, double value, Integer epoch) {
        metrics.add(new Metric(name, value, epoch));
        super.onMetric(name, value, epoch);
        if (stopAfterMetrics > 0 && metrics.size() >= stopAfterMetrics) {
            stopFlag().raise();
        }
    }
}
