package dev.kiln.containers.docker;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.kiln.runtime.contract.HostSpec;
import dev.kiln.runtime.exec.ContainerLaunch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One host's container, as Kiln creates it from a {@link ContainerLaunch}: the SageMaker run
 * ({@code docker run IMAGE train} with /opt/ml mounted) plus the instance's resources and Kiln's labels.
 *
 * @param name           container name (unique per Kiln home, job and host)
 * @param hostName       the host's name ({@code algo-1} ...), as SM_CURRENT_HOST says
 * @param entrypoint     ContainerEntrypoint, or empty for the image's
 * @param command        ContainerArguments (default {@code train})
 * @param env            {@code NAME=value} pairs
 * @param labels         {@link KilnLabels}
 * @param user           {@code uid:gid}, or null for the image's USER
 * @param mounts         bind mounts
 * @param nanoCpus       CPU quota in billionths of a CPU, or null (cpuset mode)
 * @param cpusetCpus     CPUs to pin to, or null (quota mode)
 * @param memoryBytes    memory limit, or 0 for none
 * @param shmBytes       /dev/shm size
 * @param gpuDeviceIds   GPUs to expose ({@code --gpus device=...}), empty for none
 * @param networkMode    {@code none}, {@code bridge} or the job's private network
 * @param networkAliases names other hosts reach this one by, on the job's network
 */
public record ContainerSpec(
        String name,
        String hostName,
        List<String> entrypoint,
        List<String> command,
        List<String> env,
        Map<String, String> labels,
        String user,
        List<Mount> mounts,
        Long nanoCpus,
        String cpusetCpus,
        long memoryBytes,
        long shmBytes,
        List<String> gpuDeviceIds,
        String networkMode,
        List<String> networkAliases) {

    /** A bind mount of {@code hostPath} at {@code containerPath}. */
    public record Mount(Path hostPath, String containerPath, boolean readOnly) {}

    static final String OPT_ML = "/opt/ml";
    /** Docker's own default; used when the profile gives no memory limit to take half of. */
    private static final long DEFAULT_SHM = 64L * 1024 * 1024;

    public ContainerSpec {
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        env = List.copyOf(env);
        labels = Map.copyOf(labels);
        mounts = List.copyOf(mounts);
        gpuDeviceIds = List.copyOf(gpuDeviceIds);
        networkAliases = List.copyOf(networkAliases);
    }

    /**
     * The container for {@code launch}.
     *
     * @param user    {@code uid:gid} to run as, or null for the image's USER
     * @param network {@code bridge}, {@code none} or the job's network name
     * @param extra   further mounts (the targets of linked input channels)
     */
    public static ContainerSpec of(ContainerLaunch launch, DockerSettings settings, String user, String network,
            List<Mount> extra) {
        HostSpec host = launch.host();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(KilnLabels.HOME, KilnLabels.home(launch.kilnHome()));
        labels.put(KilnLabels.JOB, launch.jobName());
        labels.put(KilnLabels.HOST, host.currentHost());
        if (launch.debugKeepContainers()) {
            labels.put(KilnLabels.KEEP, "true");
        }
        int cpus = Math.max(1, host.numCpus());
        boolean cpuset = settings.cpuMode() == DockerSettings.CpuMode.CPUSET;
        long memory = Math.max(0, host.memoryLimitBytes());
        long shm = settings.shmBytes() > 0 ? settings.shmBytes() : (memory > 0 ? memory / 2 : DEFAULT_SHM);
        List<String> gpus = host.gpuIds().stream().map(String::valueOf).toList();
        boolean privateNetwork = !network.equals("bridge") && !network.equals("none");
        return new ContainerSpec(
                KilnLabels.containerName(launch.kilnHome(), launch.jobName(), host.currentHost()),
                host.currentHost(),
                launch.entrypoint(),
                launch.arguments(),
                environment(launch.environment(), host.gpuIds()),
                labels,
                user,
                concat(mounts(launch), extra),
                cpuset ? null : cpus * 1_000_000_000L,
                cpuset ? "0-" + (cpus - 1) : null,
                memory,
                shm,
                gpus,
                network,
                privateNetwork ? List.of(host.currentHost()) : List.of());
    }

    private static List<Mount> concat(List<Mount> a, List<Mount> b) {
        List<Mount> all = new ArrayList<>(a);
        b.stream().filter(m -> a.stream().noneMatch(x -> x.containerPath().equals(m.containerPath()))).forEach(all::add);
        return all;
    }

    /**
     * The job's environment for the container. The GPUs granted appear inside as 0..n-1 (the engine
     * exposes only them), so a CUDA_VISIBLE_DEVICES naming the host's indices is renumbered.
     */
    static List<String> environment(Map<String, String> env, List<Integer> gpuIds) {
        Map<String, String> e = new TreeMap<>(env);
        String hostIds = gpuIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        if (!gpuIds.isEmpty() && hostIds.equals(e.get("CUDA_VISIBLE_DEVICES"))) {
            e.put("CUDA_VISIBLE_DEVICES", IntStream.range(0, gpuIds.size()).mapToObj(String::valueOf)
                    .collect(Collectors.joining(",")));
        }
        List<String> out = new ArrayList<>();
        e.forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /**
     * /opt/ml writable, with input/config and input/data read-only as the service mounts them; a
     * checkpoint or TensorBoard directory outside /opt/ml (CheckpointConfig.LocalPath,
     * TensorBoardOutputConfig.LocalPath) is mounted from the job directory, where the runtime
     * restores and uploads it.
     */
    static List<Mount> mounts(ContainerLaunch launch) {
        Path optMl = launch.optMlDir().toAbsolutePath().normalize();
        List<Mount> m = new ArrayList<>();
        m.add(new Mount(optMl, OPT_ML, false));
        m.add(new Mount(optMl.resolve("input").resolve("config"), OPT_ML + "/input/config", true));
        m.add(new Mount(optMl.resolve("input").resolve("data"), OPT_ML + "/input/data", true));
        // JobLayout puts /opt/ml at <jobDir>/opt/ml and any other container path at <jobDir>/<path>.
        Path jobDir = optMl.getParent() == null ? null : optMl.getParent().getParent();
        for (String key : List.of("KILN_CHECKPOINT_DIR", "KILN_TENSORBOARD_DIR")) {
            String p = launch.environment().get(key);
            if (jobDir != null && p != null && p.startsWith("/") && !p.equals(OPT_ML) && !p.startsWith(OPT_ML + "/")) {
                Path hostPath = jobDir.resolve(p.substring(1)).normalize();
                if (hostPath.startsWith(jobDir) && m.stream().noneMatch(x -> x.containerPath().equals(p))) {
                    m.add(new Mount(hostPath, p, false));
                }
            }
        }
        return m;
    }

    /** The engine-side settings: mounts, resources, GPUs, network. */
    HostConfig hostConfig() {
        HostConfig hc = HostConfig.newHostConfig()
                .withBinds(mounts.stream().map(x -> new Bind(x.hostPath().toString(), new Volume(x.containerPath()),
                        x.readOnly() ? AccessMode.ro : AccessMode.rw)).toList())
                .withShmSize(shmBytes)
                .withNetworkMode(networkMode);
        if (nanoCpus != null) {
            hc.withNanoCPUs(nanoCpus);
        }
        if (cpusetCpus != null) {
            hc.withCpusetCpus(cpusetCpus);
        }
        if (memoryBytes > 0) {
            // An instance has no swap: the limit is the memory, as on the instance.
            hc.withMemory(memoryBytes).withMemorySwap(memoryBytes);
        }
        if (!gpuDeviceIds.isEmpty()) {
            hc.withDeviceRequests(List.of(new DeviceRequest().withDriver("").withCount(0)
                    .withDeviceIds(gpuDeviceIds).withCapabilities(List.of(List.of("gpu")))));
        }
        return hc;
    }
}
