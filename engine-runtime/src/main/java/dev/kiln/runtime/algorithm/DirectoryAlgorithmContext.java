package dev.kiln.runtime.algorithm;

import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.api.algorithm.MetricEmitter;
import dev.kiln.api.algorithm.StopSignal;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An AlgorithmContext over plain directories ({@code model/}, {@code checkpoints/}, {@code output/}
 * under a root), for running a built-in algorithm outside a training job: benchmarks, tests, or a
 * program embedding Kiln's models. Metrics are printed in the metric line format; subclasses may also
 * record them by overriding {@link #onMetric}. {@link #stopFlag()} raises the stop signal.
 */
public class DirectoryAlgorithmContext implements AlgorithmContext {
    private final String jobName;
    private final Path root;
    private final Map<String, String> hyperParameters;
    private final Map<String, Path> channels;
    private final int cpus;
    private final PrintStream log;
    private final StopFlag stop = new StopFlag();
    private final MetricEmitter emitter = new MetricEmitter() {
        @Override
        public void emit(String name, double value) {
            onMetric(name, value, null);
        }

        @Override
        public void emit(String name, double value, int epoch) {
            onMetric(name, value, epoch);
        }
    };

    public DirectoryAlgorithmContext(String jobName, Path root, Map<String, String> hyperParameters, Map<String, Path> channels,
            int cpus, PrintStream log) {
        this.jobName = jobName;
        this.root = root;
        this.hyperParameters = Map.copyOf(hyperParameters);
        this.channels = Map.copyOf(channels);
        this.cpus = cpus;
        this.log = log;
        try {
            for (String d : List.of("model", "checkpoints", "output")) {
                Files.createDirectories(root.resolve(d));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Called for every metric the algorithm emits; prints its line on the log. */
    protected void onMetric(String name, double value, Integer epoch) {
        log.println(MetricEmitter.line(name, value, epoch));
    }

    /** Raise it to ask the algorithm to stop. */
    public StopFlag stopFlag() {
        return stop;
    }

    @Override
    public String trainingJobName() {
        return jobName;
    }

    @Override
    public Map<String, String> hyperParameters() {
        return hyperParameters;
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
        return emitter;
    }

    @Override
    public StopSignal stopSignal() {
        return stop;
    }

    @Override
    public PrintStream log() {
        return log;
    }
}
