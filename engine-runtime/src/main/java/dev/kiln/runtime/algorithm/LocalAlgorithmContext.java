package dev.kiln.runtime.algorithm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.api.algorithm.MetricEmitter;
import dev.kiln.api.algorithm.StopSignal;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The algorithm's view of its job, read from the contract environment (SM_* variables and the
 * input/config files), so an algorithm in a child JVM and one on a thread see the same thing.
 */
public final class LocalAlgorithmContext implements AlgorithmContext {
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final Map<String, String> env;
    private final Map<String, String> hyperParameters;
    private final Map<String, Path> channels;
    private final JsonNode inputDataConfig;
    private final PrintStream log;
    private final StopSignal stop;
    private final MetricEmitter metrics;

    public LocalAlgorithmContext(Map<String, String> env, PrintStream log, StopSignal stop) {
        this.env = Map.copyOf(env);
        this.log = log;
        this.stop = stop;
        this.metrics = new PrintingMetricEmitter(log);
        Path config = Path.of(require("SM_INPUT_CONFIG_DIR"));
        try {
            this.hyperParameters = Map.copyOf(PLAIN.readValue(config.resolve("hyperparameters.json").toFile(),
                    new TypeReference<Map<String, String>>() {}));
            this.inputDataConfig = PLAIN.readTree(config.resolve("inputdataconfig.json").toFile());
            List<String> names = PLAIN.readValue(require("SM_CHANNELS"), new TypeReference<List<String>>() {});
            Map<String, Path> ch = new LinkedHashMap<>();
            for (String n : names) {
                ch.put(n, Path.of(require("SM_CHANNEL_" + dev.kiln.runtime.contract.ContainerContract.envName(n))));
            }
            this.channels = java.util.Collections.unmodifiableMap(ch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the job's input/config files", e);
        }
    }

    private String require(String key) {
        String v = env.get(key);
        if (v == null) {
            throw new IllegalStateException("missing contract variable " + key);
        }
        return v;
    }

    @Override
    public String trainingJobName() {
        return require("TRAINING_JOB_NAME");
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
        JsonNode n = inputDataConfig.path(channel).path("TrainingInputMode");
        return n.isTextual() ? n.asText() : "File";
    }

    @Override
    public Path modelDir() {
        return Path.of(require("SM_MODEL_DIR"));
    }

    @Override
    public Path checkpointDir() {
        Path p = Path.of(require("KILN_CHECKPOINT_DIR"));
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    @Override
    public Path outputDataDir() {
        return Path.of(require("SM_OUTPUT_DATA_DIR"));
    }

    @Override
    public int numCpus() {
        return Integer.parseInt(require("SM_NUM_CPUS"));
    }

    @Override
    public List<Integer> gpuIds() {
        String v = env.getOrDefault("CUDA_VISIBLE_DEVICES", "");
        if (v.isBlank() || v.equals("-1")) {
            return List.of();
        }
        List<Integer> ids = new ArrayList<>();
        Arrays.stream(v.split(",")).map(String::trim).filter(s -> s.matches("[0-9]+")).forEach(s -> ids.add(Integer.parseInt(s)));
        return List.copyOf(ids);
    }

    @Override
    public String currentHost() {
        return require("SM_CURRENT_HOST");
    }

    @Override
    public List<String> hosts() {
        try {
            return PLAIN.readValue(require("SM_HOSTS"), new TypeReference<List<String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public MetricEmitter metrics() {
        return metrics;
    }

    @Override
    public StopSignal stopSignal() {
        return stop;
    }

    @Override
    public PrintStream log() {
        return log;
    }

    /** The failure file ({@code output/failure}) of this job. */
    public Path failureFile() {
        return Path.of(require("SM_OUTPUT_DIR")).resolve("failure");
    }
}
