package dev.kiln.gnn.algorithm;

import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.api.algorithm.MetricEmitter;
import dev.kiln.api.algorithm.StopSignal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** An AlgorithmContext over temporary folders that records metrics, for driving an algorithm directly. */
final class FakeContext implements AlgorithmContext {
    record Metric(String name, double value, Integer epoch) {}

    final List<Metric> metrics = new ArrayList<>();
    final AtomicBoolean stop = new AtomicBoolean();
    final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private final Path root;
    private final Map<String, String> hps;
    private final Map<String, Path> channels;
    /** When positive, raise the stop signal once this many metrics have been emitted. */
    int stopAfterMetrics;

    FakeContext(Path root, Map<String, String> hps, Map<String, Path> channels) {
        this.root = root;
        this.hps = hps;
        this.channels = channels;
        try {
            Files.createDirectories(root.resolve("model"));
            Files.createDirectories(root.resolve("checkpoints"));
            Files.createDirectories(root.resolve("output"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
    public String trainingJobName() {
        return "test-job";
    }

    @Override
    public Map<String, String> hyperParameters() {
        return hps;
    }

    @Override
    public Map<String, Path> channels() {
        return channels;
    }

    @Override
    public String inputMode(String channel) {
        return "File";
    }

    @Override
    public Path modelDir() {
        return root.resolve("model");
    }

    @Override
    public Path checkpointDir() {
        return root.resolve("checkpoints");
    }

    @Override
    public Path outputDataDir() {
        return root.resolve("output");
    }

    @Override
    public int numCpus() {
        return 2;
    }

    @Override
    public List<Integer> gpuIds() {
        return List.of();
    }

    @Override
    public String currentHost() {
        return "algo-1";
    }

    @Override
    public List<String> hosts() {
        return List.of("algo-1");
    }

    @Override
    public MetricEmitter metrics() {
        return new MetricEmitter() {
            @Override
            public void emit(String name, double value) {
                record(name, value, null);
            }

            @Override
            public void emit(String name, double value, int epoch) {
                record(name, value, epoch);
            }
        };
    }

    private synchronized void record(String name, double value, Integer epoch) {
        metrics.add(new Metric(name, value, epoch));
        log.println(MetricEmitter.line(name, value, epoch));
        if (stopAfterMetrics > 0 && metrics.size() >= stopAfterMetrics) {
            stop.set(true);
        }
    }

    @Override
    public StopSignal stopSignal() {
        return new StopSignal() {
            @Override
            public boolean isStopRequested() {
                return stop.get();
            }

            @Override
            public boolean await(Duration timeout) {
                return stop.get();
            }
        };
    }

    @Override
    public PrintStream log() {
        return log;
    }
}
