package dev.kiln.bench.gnn;

import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.api.algorithm.MetricEmitter;
import dev.kiln.api.algorithm.StopSignal;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal AlgorithmContext for running a built-in algorithm from a benchmark: folders under a root, metrics to stdout. */
final class BenchContext implements AlgorithmContext {
    final Map<String, Double> lastMetric = new LinkedHashMap<>();
    private final Path root;
    private final Map<String, String> hps;
    private final Map<String, Path> channels;
    private final int cpus;

    BenchContext(Path root, Map<String, String> hps, Map<String, Path> channels, int cpus) {
        this.root = root;
        this.hps = hps;
        this.channels = channels;
        this.cpus = cpus;
        try {
            for (String d : List.of("model", "checkpoints", "output")) {
                Files.createDirectories(root.resolve(d));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String trainingJobName() {
        return "bench";
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
        return cpus;
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
                lastMetric.put(name, value);
                System.out.println(MetricEmitter.line(name, value, null));
            }

            @Override
            public void emit(String name, double value, int epoch) {
                lastMetric.put(name, value);
                System.out.println(MetricEmitter.line(name, value, epoch));
            }
        };
    }

    @Override
    public StopSignal stopSignal() {
        return new StopSignal() {
            @Override
            public boolean isStopRequested() {
                return false;
            }

            @Override
            public boolean await(Duration timeout) {
                return false;
            }
        };
    }

    @Override
    public PrintStream log() {
        return System.out;
    }
}
