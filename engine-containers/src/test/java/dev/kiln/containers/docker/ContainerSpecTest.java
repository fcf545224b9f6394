package dev.kiln.containers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.DeviceRequest;
import com.github.dockerjava.api.model.HostConfig;
import dev.kiln.runtime.contract.HostSpec;
import dev.kiln.runtime.exec.ContainerLaunch;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a launch becomes a container: mounts, resources, GPUs, network, labels; no engine needed. */
class ContainerSpecTest {
    private static final Path HOME = Path.of("/home/u/.kiln");
    private static final Path JOB_DIR = HOME.resolve("jobs/job-1");

    private static ContainerLaunch launch(List<Integer> gpus, boolean isolation, boolean keep, Map<String, String> env) {
        HostSpec host = new HostSpec("ml.p3.8xlarge", "algo-1", List.of("algo-1"), "homogeneousCluster", 4, gpus,
                8L << 30, Map.of());
        return new ContainerLaunch(HOME, "job-1", "algo:1", List.of(), List.of("train"), env, JOB_DIR.resolve("opt/ml"),
                host, isolation, keep);
    }

    @Test
    void mountsOptMlWithInputReadOnlyAndCheckpointsOutsideOptMlFromTheJobDir() {
        ContainerSpec s = ContainerSpec.of(launch(List.of(), false, false, Map.of("KILN_CHECKPOINT_DIR", "/checkpoints",
                "KILN_TENSORBOARD_DIR", "/opt/ml/output/tensorboard")), DockerSettings.from(Map.of()), "1000:1000", "bridge",
                List.of());
        assertEquals(List.of(
                new ContainerSpec.Mount(JOB_DIR.resolve("opt/ml"), "/opt/ml", false),
                new ContainerSpec.Mount(JOB_DIR.resolve("opt/ml/input/config"), "/opt/ml/input/config", true),
                new ContainerSpec.Mount(JOB_DIR.resolve("opt/ml/input/data"), "/opt/ml/input/data", true),
                new ContainerSpec.Mount(JOB_DIR.resolve("checkpoints"), "/checkpoints", false)), s.mounts());
        List<String> binds = Arrays.stream(s.hostConfig().getBinds()).map(Bind::toString).toList();
        assertTrue(binds.contains(JOB_DIR.resolve("opt/ml/input/data") + ":/opt/ml/input/data:ro"), binds.toString());
        assertEquals("1000:1000", s.user());
        assertEquals("algo-1", s.hostName());
        assertEquals(List.of("train"), s.command());
    }

    @Test
    void resourcesComeFromTheHostSpec() {
        ContainerSpec s = ContainerSpec.of(launch(List.of(2, 3), false, false, Map.of("CUDA_VISIBLE_DEVICES", "2,3")),
                DockerSettings.from(Map.of()), null, "bridge", List.of());
        HostConfig hc = s.hostConfig();
        assertEquals(4_000_000_000L, hc.getNanoCPUs());
        assertNull(hc.getCpusetCpus());
        assertEquals(8L << 30, hc.getMemory());
        assertEquals(8L << 30, hc.getMemorySwap());
        assertEquals(4L << 30, hc.getShmSize());
        DeviceRequest gpu = hc.getDeviceRequests().get(0);
        assertEquals(List.of("2", "3"), gpu.getDeviceIds());
        assertEquals(List.of(List.of("gpu")), gpu.getCapabilities());
        assertTrue(s.env().contains("CUDA_VISIBLE_DEVICES=0,1"), "the granted GPUs are 0..n-1 inside: " + s.env());
    }

    @Test
    void cpusetModeAndExplicitShm() {
        ContainerSpec s = ContainerSpec.of(launch(List.of(), false, false, Map.of()),
                DockerSettings.from(Map.of("kiln.docker.cpus", "cpuset", "kiln.docker.shmBytes", "1048576")), null, "bridge",
                List.of());
        assertEquals("0-3", s.hostConfig().getCpusetCpus());
        assertNull(s.hostConfig().getNanoCPUs());
        assertEquals(1048576L, s.hostConfig().getShmSize());
        assertTrue(s.hostConfig().getDeviceRequests() == null || s.hostConfig().getDeviceRequests().isEmpty());
    }

    @Test
    void labelsNameTheHomeJobAndHostAndMarkKeptContainers() {
        ContainerSpec s = ContainerSpec.of(launch(List.of(), true, true, Map.of()), DockerSettings.from(Map.of()), null, "none",
                List.of());
        assertEquals(Map.of(KilnLabels.HOME, HOME.toString(), KilnLabels.JOB, "job-1", KilnLabels.HOST, "algo-1",
                KilnLabels.KEEP, "true"), s.labels());
        assertEquals("none", s.hostConfig().getNetworkMode());
        assertEquals(List.of(), s.networkAliases());
        assertTrue(s.name().startsWith("kiln-") && s.name().endsWith("-job-1-algo-1"), s.name());
    }

    @Test
    void onTheJobsNetworkTheHostIsKnownByItsName() {
        ContainerSpec s = ContainerSpec.of(launch(List.of(), false, false, Map.of()), DockerSettings.from(Map.of()), null,
                "kiln-abc-job-1", List.of(new ContainerSpec.Mount(Path.of("/data/store"), "/data/store", true)));
        assertEquals(List.of("algo-1"), s.networkAliases());
        assertEquals(new ContainerSpec.Mount(Path.of("/data/store"), "/data/store", true), s.mounts().get(3));
    }
}
