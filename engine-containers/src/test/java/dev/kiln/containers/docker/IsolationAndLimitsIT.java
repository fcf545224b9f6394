package dev.kiln.containers.docker;

import static dev.kiln.containers.docker.DockerTrainingJobsIT.assertNoContainers;
import static dev.kiln.containers.docker.DockerTrainingJobsIT.containerRequest;
import static dev.kiln.containers.docker.DockerTrainingJobsIT.logLines;
import static dev.kiln.containers.docker.DockerTrainingJobsIT.service;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import dev.kiln.runtime.job.TrainingJobService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EnableNetworkIsolation and the instance's resources, seen from inside and read back from the engine. */
class IsolationAndLimitsIT {
    @TempDir
    Path tmp;

    private List<String> runJob(TrainingJobService service, ObjectNode req) throws Exception {
        String name = req.get("TrainingJobName").asText();
        service.create(toRequest(req), tmp);
        var r = service.awaitTerminal(name, Duration.ofSeconds(120));
        List<String> log = logLines(service, name);
        assertEquals("Completed", r.status().name(), r.failureReason() + "\n" + String.join("\n", log));
        return log;
    }

    @Test
    void networkIsolationLeavesOnlyLoopback() throws Exception {
        TestEngine e = TestEngine.require();
        Path home = tmp.resolve("home");
        ObjectNode isolated = containerRequest("isolated-job", e.image, "/scripts/network.sh");
        isolated.put("EnableNetworkIsolation", true);
        ObjectNode open = containerRequest("open-job", e.image, "/scripts/network.sh");
        try (TrainingJobService service = service(home, Duration.ofSeconds(5), Map.of());
                OutsideListener outside = OutsideListener.open()) {
            isolated.putObject("Environment").put("OUTSIDE", outside.target());
            open.putObject("Environment").put("OUTSIDE", outside.target());
            List<String> in = runJob(service, isolated);
            assertTrue(in.contains("interfaces: lo "), String.join("\n", in));
            assertTrue(in.contains("routes: "), "no route at all: " + in);
            assertTrue(in.contains("loopback: ping"), String.join("\n", in));
            assertTrue(in.contains("outside: unreachable"), String.join("\n", in));

            List<String> out = runJob(service, open);
            String interfaces = out.stream().filter(l -> l.startsWith("interfaces: ")).findFirst().orElseThrow();
            assertTrue(interfaces.contains("eth0"), "without isolation the container has a network: " + interfaces);
            assertTrue(out.contains("outside: reachable"), String.join("\n", out));
        }
        assertNoContainers(e, home, "isolated-job");
        assertNoContainers(e, home, "open-job");
    }

    @Test
    void cpuQuotaMemoryAndShmAreAppliedAndKeptContainersSurviveCleanup() throws Exception {
        TestEngine e = TestEngine.require();
        Path home = tmp.resolve("home");
        String name = KilnLabels.containerName(home, "limits-job", "algo-1");
        try {
            List<String> log;
            try (TrainingJobService service = service(home, Duration.ofSeconds(5), Map.of("kiln.docker.keepContainers", "true"))) {
                log = runJob(service, containerRequest("limits-job", e.image, "/scripts/limits.sh"));
            }
            InspectContainerResponse c = e.client.inspectContainerCmd(name).exec();
            HostConfig hc = c.getHostConfig();
            int cpus = Integer.parseInt(env(c, "SM_NUM_CPUS"));
            assertEquals(cpus * 1_000_000_000L, hc.getNanoCPUs(), "CPU quota of the granted threads");
            assertTrue(hc.getMemory() > 0, "memory limit set");
            assertEquals(hc.getMemory(), hc.getMemorySwap(), "no swap beyond the memory");
            assertEquals(hc.getMemory() / 2, hc.getShmSize(), "/dev/shm is half the memory");
            assertEquals("true", c.getConfig().getLabels().get(KilnLabels.KEEP));
            assertEquals(KilnLabels.home(home), c.getConfig().getLabels().get(KilnLabels.HOME));
            assertEquals("limits-job", c.getConfig().getLabels().get(KilnLabels.JOB));

            String[] cpu = value(log, "cpu.max: ").split(" ");
            assertEquals(cpus, Long.parseLong(cpu[0]) / Long.parseLong(cpu[1]), "the kernel's quota: " + log);
            assertEquals(hc.getMemory(), Long.parseLong(value(log, "memory.max: ")), "the kernel's memory limit");
            assertEquals(hc.getShmSize() / 1024, Long.parseLong(value(log, "shm: ")), "/dev/shm size in KiB");

            // A kept container is not a leftover to remove, not even when an engine starts on the home again.
            service(home, Duration.ofSeconds(5), Map.of()).close();
            assertEquals(1, Containers.ofJob(e.client, home, "limits-job").size(), "kept for debugging");
        } finally {
            Containers.ofJob(e.client, home, "limits-job").forEach(c -> Containers.removeQuietly(e.client, c.getId()));
        }
    }

    @Test
    void cpusetModePinsTheGrantedThreads() throws Exception {
        TestEngine e = TestEngine.require();
        Path home = Files.createDirectories(tmp.resolve("home"));
        Files.writeString(home.resolve("config.properties"), "kiln.docker.cpus=cpuset\n");
        try (TrainingJobService service = service(home, Duration.ofSeconds(5), Map.of("kiln.docker.keepContainers", "true"))) {
            List<String> log = runJob(service, containerRequest("cpuset-job", e.image, "/scripts/limits.sh"));
            InspectContainerResponse c = e.client.inspectContainerCmd(KilnLabels.containerName(home, "cpuset-job", "algo-1")).exec();
            int cpus = Integer.parseInt(env(c, "SM_NUM_CPUS"));
            assertEquals("0-" + (cpus - 1), c.getHostConfig().getCpusetCpus());
            assertFalse(c.getHostConfig().getNanoCPUs() != null && c.getHostConfig().getNanoCPUs() > 0, "no quota as well");
            assertEquals(Integer.toString(cpus), value(log, "nproc: "), "the container sees its CPUs");
        } finally {
            Containers.ofJob(e.client, home, "cpuset-job").forEach(c -> Containers.removeQuietly(e.client, c.getId()));
        }
        assertEquals(List.of(), Containers.ofHome(e.client, home));
    }

    private static String env(InspectContainerResponse c, String name) {
        return Arrays.stream(c.getConfig().getEnv()).filter(v -> v.startsWith(name + "=")).findFirst()
                .map(v -> v.substring(name.length() + 1)).orElseThrow();
    }

    private static String value(List<String> log, String prefix) {
        return log.stream().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()).strip())
                .orElseThrow(() -> new AssertionError("no '" + prefix + "' in " + log));
    }
}
