package dev.kiln.containers.docker;

import static dev.kiln.containers.docker.DockerTrainingJobsIT.containerRequest;
import static dev.kiln.runtime.testing.TestJobs.addChannel;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.runtime.channel.ChannelMaterializer;
import dev.kiln.runtime.channel.HostSlot;
import dev.kiln.runtime.contract.JobLayout;
import dev.kiln.runtime.exec.ContainerLaunch;
import dev.kiln.runtime.exec.JobProcess;
import dev.kiln.runtime.s3.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * InstanceCount > 1 at the container runtime's level: one container per host on a private network,
 * each with its own /opt/ml tree and data shard, prepared as JobRunner prepares them (ServiceClusterIT
 * runs the same through the service).
 */
class ClusterIT {
    private static final List<String> HOSTS = List.of("algo-1", "algo-2");

    @TempDir
    Path tmp;

    private final Map<String, List<String>> logs = new TreeMap<>();

    private List<ContainerLaunch> cluster(String job, boolean isolation, List<List<String>> entrypoints) throws Exception {
        return cluster(job, isolation, entrypoints, Map.of());
    }

    private List<ContainerLaunch> cluster(String job, boolean isolation, List<List<String>> entrypoints, Map<String, String> env)
            throws Exception {
        TestEngine e = TestEngine.require();
        Path home = tmp.resolve("home");
        Path data = Files.createDirectories(home.resolve("s3/data-bucket/train"));
        for (String f : List.of("part-0", "part-1", "part-2", "part-3")) {
            Files.writeString(data.resolve(f), f + "\n");
        }
        ObjectNode tree = containerRequest(job, e.image);
        ((ObjectNode) tree.get("ResourceConfig")).put("InstanceCount", HOSTS.size());
        ((ObjectNode) addChannel(tree, "train", "s3://data-bucket/train/").get("DataSource").get("S3DataSource"))
                .put("S3DataDistributionType", "ShardedByS3Key");
        CreateTrainingJobRequest req = toRequest(tree);
        ChannelMaterializer channels = new ChannelMaterializer(new ObjectStore(home.resolve("s3")), home.resolve("fs"));
        List<ContainerLaunch> launches = new ArrayList<>();
        for (int i = 0; i < HOSTS.size(); i++) {
            String host = HOSTS.get(i);
            JobLayout layout = new JobLayout(home.resolve("jobs").resolve(job).resolve(host));
            ContainerLaunch l = Launches.of(home, req, layout, Launches.host(host, HOSTS), entrypoints.get(i), isolation, false,
                    env);
            channels.materialize(req.inputDataConfig().get(0), "File", layout.dataDir(), new HostSlot(i, HOSTS.size(), host, null),
                    line -> { });
            launches.add(l);
            logs.put(host, Collections.synchronizedList(new ArrayList<>()));
        }
        return launches;
    }

    private int run(List<ContainerLaunch> launches) throws Exception {
        JobProcess p = TestEngine.require().runtime.startCluster(launches, host -> logs.get(host)::add);
        OptionalInt code = p.waitFor(Duration.ofSeconds(90));
        if (code.isEmpty()) {
            p.kill();
            throw new AssertionError("the cluster did not finish: " + logs);
        }
        return code.getAsInt();
    }

    @Test
    void hostsReachEachOtherByNameAndEachReadsItsOwnShard() throws Exception {
        TestEngine e = TestEngine.require();
        List<String> script = List.of("/scripts/cluster.sh");
        assertEquals(0, run(cluster("cluster-job", false, List.of(script, script))), logs.toString());

        assertTrue(logs.get("algo-1").contains("received: hello from algo-2"), logs.toString());
        assertTrue(logs.get("algo-2").contains("sent"), logs.toString());
        TreeSet<String> all = new TreeSet<>();
        for (String host : HOSTS) {
            List<String> log = logs.get(host);
            assertTrue(log.contains("current host: " + host + " of [\"algo-1\",\"algo-2\"]"), log.toString());
            assertTrue(log.stream().anyMatch(l -> l.startsWith("resourceconfig: {\"current_host\":\"" + host + "\"")), log.toString());
            List<String> shard = log.stream().filter(l -> l.startsWith("shard ")).toList();
            assertFalse(shard.isEmpty(), host + " has a shard");
            shard.forEach(s -> assertTrue(all.add(s), s + " went to one host only"));
        }
        assertEquals(new TreeSet<>(List.of("shard part-0", "shard part-1", "shard part-2", "shard part-3")), all);
        Path home = tmp.resolve("home");
        assertEquals(List.of(), Containers.ofHome(e.client, home), "containers removed");
        assertEquals(List.of(), Containers.networksOfHome(e.client, home), "network removed");
    }

    @Test
    void anIsolatedClusterTalksInsideButCannotReachOut() throws Exception {
        List<String> script = List.of("/scripts/cluster.sh");
        try (OutsideListener outside = OutsideListener.open()) {
            Map<String, String> env = Map.of("OUTSIDE", outside.target());
            assertEquals(0, run(cluster("isolated-cluster", true, List.of(script, script), env)), logs.toString());
            assertTrue(logs.get("algo-1").contains("received: hello from algo-2"), logs.toString());
            for (String host : HOSTS) {
                assertTrue(logs.get(host).contains("outside: unreachable"), logs.toString());
            }
            logs.clear();
            assertEquals(0, run(cluster("open-cluster", false, List.of(script, script), env)), logs.toString());
            for (String host : HOSTS) {
                assertTrue(logs.get(host).contains("outside: reachable"), "without isolation: " + logs);
            }
        }
    }

    @Test
    void aFailingHostEndsTheJobAndItsPeers() throws Exception {
        TestEngine e = TestEngine.require();
        List<ContainerLaunch> launches = cluster("failing-cluster", false,
                List.of(List.of("/scripts/stubborn.sh"), List.of("/scripts/fail.sh")));
        JobProcess p = e.runtime.startCluster(launches, host -> logs.get(host)::add);
        OptionalInt code = p.waitFor(Duration.ofSeconds(60));
        assertEquals(OptionalInt.of(3), code, logs.toString());
        assertEquals("host algo-2: exit code 3", p.describeExit(3));
        assertEquals(List.of(), Containers.ofHome(e.client, tmp.resolve("home")), "the stubborn peer was killed and removed");
    }
}
