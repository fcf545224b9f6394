package dev.kiln.runtime.job;

import dev.kiln.api.algorithm.Algorithm;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.MetricDefinition;
import dev.kiln.runtime.algorithm.AlgorithmRegistry;
import dev.kiln.runtime.channel.ChannelMaterializer;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.device.HostResources;
import dev.kiln.runtime.s3.ObjectStore;
import dev.kiln.runtime.sched.Demand;
import dev.kiln.runtime.sched.ResourceScheduler;
import dev.kiln.runtime.spot.SpotMarket;
import java.time.Duration;
import dev.kiln.runtime.store.JobStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared parts of one engine: home, settings, job store, object store and this machine's resources. */
final class EngineContext {
    /** Host variables a local program keeps; everything else of the engine's environment stays out, as in a container. */
    private static final List<String> PASSED_ENV = List.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_ALL",
            "LC_CTYPE", "TZ", "TMPDIR", "SHELL", "TERM", "JAVA_HOME", "PYENV_ROOT", "PYENV_VERSION", "VIRTUAL_ENV",
            "CONDA_PREFIX", "CONDA_DEFAULT_ENV", "LD_LIBRARY_PATH", "PYTHONPATH");

    private final KilnHome home;
    private final KilnConfig config;
    private final JobStore store;
    private final ObjectStore objectStore;
    private final HostResources host;
    private final ResourceScheduler scheduler;
    private final SpotMarket spotMarket;

    EngineContext(KilnHome home, KilnConfig config, JobStore store) {
        this.home = home;
        this.config = config;
        this.store = store;
        this.objectStore = new ObjectStore(home.s3Root());
        this.host = HostResources.detect(config.hostOverrides());
        this.scheduler = new ResourceScheduler(store,
                new Demand(host.cpuCores(), host.memoryBytes(), host.gpus().size()),
                host.gpus().stream().map(HostResources.Gpu::index).toList());
        this.spotMarket = SpotMarket.from(config);
    }

    ResourceScheduler scheduler() {
        return scheduler;
    }

    SpotMarket spotMarket() {
        return spotMarket;
    }

    /** How often a running job's checkpoint directory is copied to CheckpointConfig.S3Uri. */
    Duration checkpointSyncInterval() {
        return Duration.ofMillis(Math.round(Double.parseDouble(config.raw().getOrDefault("kiln.checkpoint.syncSeconds", "10")) * 1000));
    }

    /** The job's hosts on this machine (strict mode throws ResourceLimitExceeded for a type that does not fit). */
    ClusterPlan cluster(CreateTrainingJobRequest req, boolean strict) {
        return ClusterPlan.of(req, host, strict);
    }

    ClusterPlan cluster(CreateTrainingJobRequest req) {
        return cluster(req, false);
    }

    KilnHome home() {
        return home;
    }

    KilnConfig config() {
        return config;
    }

    JobStore store() {
        return store;
    }

    ObjectStore objectStore() {
        return objectStore;
    }

    ChannelMaterializer channelMaterializer() {
        return new ChannelMaterializer(objectStore, home.fsRoot(), config.linkInputFiles());
    }

    /** The request's MetricDefinitions plus those a built-in algorithm declares (the request's win on a name clash). */
    List<MetricDefinition> metricDefinitions(CreateTrainingJobRequest req) {
        Map<String, MetricDefinition> defs = new LinkedHashMap<>();
        String algorithm = req.algorithmSpecification().algorithmName();
        if (algorithm != null) {
            AlgorithmRegistry.find(algorithm).map(Algorithm::metricDefinitions)
                    .ifPresent(list -> list.forEach(d -> defs.put(d.name(), d)));
        }
        if (req.algorithmSpecification().metricDefinitions() != null) {
            req.algorithmSpecification().metricDefinitions().forEach(d -> defs.put(d.name(), d));
        }
        return new ArrayList<>(defs.values());
    }

    Map<String, String> baseEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> mine = System.getenv();
        for (String k : PASSED_ENV) {
            if (mine.containsKey(k)) {
                env.put(k, mine.get(k));
            }
        }
        String extra = config.raw().getOrDefault("kiln.process.passEnv", "");
        for (String k : extra.split(",")) {
            if (!k.isBlank() && mine.containsKey(k.trim())) {
                env.put(k.trim(), mine.get(k.trim()));
            }
        }
        env.putIfAbsent("PATH", "/usr/local/bin:/usr/bin:/bin");
        // Python buffers stdout when it is a pipe; metrics and logs should arrive as they are printed.
        env.put("PYTHONUNBUFFERED", "1");
        return env;
    }
}
