package dev.kiln.containers.docker;

import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.runtime.contract.ContainerContract;
import dev.kiln.runtime.contract.HostSpec;
import dev.kiln.runtime.contract.JobLayout;
import dev.kiln.runtime.exec.ContainerLaunch;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ContainerLaunches built as JobRunner builds them, for tests that drive the runtime directly. */
final class Launches {
    static final long MEMORY = 256L << 20;

    private Launches() {}

    static HostSpec host(String name, List<String> hosts) {
        return new HostSpec("ml.m5.large", name, hosts, "homogeneousCluster", 1, List.of(), MEMORY, Map.of());
    }

    /** One host's launch: its config files written under {@code layout}, its environment with container paths. */
    static ContainerLaunch of(Path home, CreateTrainingJobRequest req, JobLayout layout, HostSpec host,
            List<String> entrypoint, boolean isolation, boolean keep) {
        return of(home, req, layout, host, entrypoint, isolation, keep, Map.of());
    }

    static ContainerLaunch of(Path home, CreateTrainingJobRequest req, JobLayout layout, HostSpec host,
            List<String> entrypoint, boolean isolation, boolean keep, Map<String, String> extraEnv) {
        layout.create();
        Map<String, String> modes = new LinkedHashMap<>();
        if (req.inputDataConfig() != null) {
            req.inputDataConfig().forEach(c -> modes.put(c.channelName(), "File"));
        }
        String arn = "arn:aws:sagemaker:us-east-1:000000000000:training-job/" + req.trainingJobName();
        new ContainerContract(req, arn, layout, host, modes).writeConfigFiles();
        Map<String, String> env = new LinkedHashMap<>(new ContainerContract(req, arn, new JobLayout(Path.of("/")), host, modes)
                .environment());
        env.remove("KILN_OPT_ML");
        env.putAll(extraEnv);
        return new ContainerLaunch(home, req.trainingJobName(), req.algorithmSpecification().trainingImage(), entrypoint,
                List.of(), env, layout.optMl(), host, isolation, keep);
    }
}
