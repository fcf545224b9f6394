package dev.kiln.containers.docker;

import dev.kiln.runtime.exec.ContainerStartException;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.Container;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.exec.ContainerLaunch;
import dev.kiln.runtime.exec.ContainerRuntime;
import dev.kiln.runtime.exec.JobProcess;
import dev.kiln.runtime.exec.OutputSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Runs training images on a Docker engine, as SageMaker runs them: {@code docker run IMAGE train}
 * with the job's /opt/ml tree mounted, the instance's CPU, memory, /dev/shm and GPUs, no network
 * under EnableNetworkIsolation, and for a cluster one container per host on a private network where
 * the hosts reach each other as {@code algo-1 ... algo-N}. Registered for {@link java.util.ServiceLoader}.
 */
public final class DockerContainerRuntime implements ContainerRuntime {
    private final DockerSettings fixedSettings;
    private final Map<String, String> env;
    /** Shared: ServiceLoader makes a new runtime per lookup, and each engine holds a connection pool. */
    private static final Map<String, DockerEngine> ENGINES = new ConcurrentHashMap<>();

    /** The runtime ServiceLoader creates: settings from each Kiln home's configuration. */
    public DockerContainerRuntime() {
        this(null, System.getenv());
    }

    /**
     * A runtime with fixed settings (null: each home's configuration) and environment (for DOCKER_HOST).
     */
    public DockerContainerRuntime(DockerSettings settings, Map<String, String> env) {
        this.fixedSettings = settings;
        this.env = Map.copyOf(env);
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public Optional<String> unavailableReason() {
        try {
            return engine(fixedSettings != null ? fixedSettings : DockerSettings.fromSystemProperties()).problem();
        } catch (RuntimeException e) {
            return Optional.of("the Docker executor is misconfigured: " + DockerEngine.rootMessage(e));
        }
    }

    @Override
    public Optional<String> unavailableReason(Path kilnHome) {
        try {
            return engine(fixedSettings != null ? fixedSettings : settings(kilnHome)).problem();
        } catch (RuntimeException e) {
            return Optional.of("the Docker executor is misconfigured: " + DockerEngine.rootMessage(e));
        }
    }

    /** The engine a Kiln home's jobs run on. */
    public DockerEngine engine(Path kilnHome) {
        return engine(settings(kilnHome));
    }

    @Override
    public JobProcess start(ContainerLaunch launch, OutputSink sink) throws IOException {
        return startCluster(List.of(launch), host -> sink);
    }

    /**
     * Starts one container per host of a job. Every launch must be of the same job, each with its own
     * /opt/ml tree (its resourceconfig.json naming its host) and its own host name. With more than one
     * host they share a private bridge network (internal, so without a route out, under
     * EnableNetworkIsolation) on which each is reachable by its host name.
     *
     * @param sinks the output sink of each host, by host name
     */
    @Override
    public JobProcess startCluster(List<ContainerLaunch> launches, Function<String, OutputSink> sinks) throws IOException {
        if (launches.isEmpty()) {
            throw new IllegalArgumentException("no hosts to launch");
        }
        ContainerLaunch first = launches.get(0);
        Set<String> hostNames = new HashSet<>();
        for (ContainerLaunch l : launches) {
            if (!l.jobName().equals(first.jobName()) || !l.kilnHome().equals(first.kilnHome())
                    || !hostNames.add(l.host().currentHost())) {
                throw new IllegalArgumentException("the launches must be distinct hosts of one job");
            }
        }
        DockerSettings settings = settings(first.kilnHome());
        DockerEngine engine = engine(settings);
        Optional<String> problem = engine.problem();
        if (problem.isPresent()) {
            throw new ContainerStartException(problem.get());
        }
        DockerClient client = engine.client();
        try {
            new ImageResolver(client, settings, engine.endpoint()).resolve(first.image(),
                    line -> sinks.apply(first.host().currentHost()).line("[kiln] " + line));
        } catch (RuntimeException e) {
            throw new ContainerStartException("cannot use image '" + first.image() + "': " + DockerEngine.rootMessage(e), e);
        }
        // Containers of an earlier job of the same name in this home would clash on names.
        for (Container c : Containers.ofJob(client, first.kilnHome(), first.jobName())) {
            Containers.removeQuietly(client, c.getId());
        }
        String user = InvokingUser.resolve(settings.user());
        String networkId = null;
        List<DockerJob.Host> hosts = new ArrayList<>();
        try {
            String mode;
            if (launches.size() > 1) {
                mode = KilnLabels.networkName(first.kilnHome(), first.jobName());
                networkId = createNetwork(client, mode, first);
            } else {
                mode = first.networkIsolation() ? "none" : "bridge";
            }
            for (ContainerLaunch l : launches) {
                ContainerSpec spec = ContainerSpec.of(l, settings, user, mode, LinkedInputs.mounts(l.optMlDir()));
                hosts.add(new DockerJob.Host(spec.hostName(), create(client, l.image(), spec), spec.memoryBytes()));
            }
            DockerJob job = new DockerJob(client, hosts, networkId, first.debugKeepContainers());
            for (DockerJob.Host h : hosts) {
                job.attach(h, sinks.apply(h.name));
                client.startContainerCmd(h.containerId).exec();
                job.watchExit(h);
            }
            return job;
        } catch (IOException | RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            for (DockerJob.Host h : hosts) {
                Containers.removeQuietly(client, h.containerId);
            }
            if (networkId != null) {
                Containers.removeNetworkQuietly(client, networkId);
            }
            throw e instanceof IOException io ? io
                    : new IOException("cannot start the container of image '" + first.image() + "': "
                            + DockerEngine.rootMessage(e), e);
        }
    }

    private static String createNetwork(DockerClient client, String name, ContainerLaunch first) {
        Map<String, String> labels = Map.of(KilnLabels.HOME, KilnLabels.home(first.kilnHome()), KilnLabels.JOB, first.jobName());
        for (var n : client.listNetworksCmd().withNameFilter(name).exec()) {
            if (name.equals(n.getName())) {
                Containers.removeNetworkQuietly(client, n.getId());
            }
        }
        var create = client.createNetworkCmd().withName(name).withDriver("bridge").withLabels(labels);
        if (first.networkIsolation()) {
            // Internal keeps forwarded traffic in; without an address on the bridge the Docker host itself
            // is out of reach too. The hosts still talk to each other (EnableNetworkIsolation in a cluster).
            create.withInternal(true).withOptions(Map.of("com.docker.network.bridge.inhibit_ipv4", "true"));
        }
        return create.exec().getId();
    }

    private static String create(DockerClient client, String image, ContainerSpec spec) throws IOException {
        for (ContainerSpec.Mount m : spec.mounts()) {
            // A bind source the engine had to create would belong to root.
            Files.createDirectories(m.hostPath());
        }
        CreateContainerCmd cmd = client.createContainerCmd(image)
                .withName(spec.name())
                .withHostName(spec.hostName())
                .withEnv(spec.env())
                .withLabels(spec.labels())
                .withHostConfig(spec.hostConfig());
        if (!spec.entrypoint().isEmpty()) {
            cmd.withEntrypoint(spec.entrypoint());
        }
        if (!spec.command().isEmpty()) {
            cmd.withCmd(spec.command());
        }
        if (spec.user() != null) {
            cmd.withUser(spec.user());
        }
        if (!spec.networkAliases().isEmpty()) {
            cmd.withAliases(spec.networkAliases());
        }
        return cmd.exec().getId();
    }

    @Override
    public void removeOrphans(Path kilnHome, Set<String> runningJobs) {
        try {
            Containers.removeOrphans(engine(kilnHome).client(), kilnHome, runningJobs);
        } catch (RuntimeException e) {
            // The engine went away between the availability check and now; the next start tries again.
        }
    }

    private DockerSettings settings(Path kilnHome) {
        return fixedSettings != null ? fixedSettings : DockerSettings.from(KilnConfig.load(new KilnHome(kilnHome)).raw());
    }

    private DockerEngine engine(DockerSettings settings) {
        DockerEndpoint endpoint = DockerEndpoint.discover(settings, env);
        return ENGINES.computeIfAbsent(endpoint.uri().toString(), k -> DockerEngine.connect(endpoint));
    }
}
