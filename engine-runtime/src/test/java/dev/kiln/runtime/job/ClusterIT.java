package dev.kiln.runtime.job;

import static dev.kiln.runtime.testing.TestJobs.addChannel;
import static dev.kiln.runtime.testing.TestJobs.request;
import static dev.kiln.runtime.testing.TestJobs.script;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InstanceCount > 1 and InstanceGroups: one process per host, each with its own contract and shard. */
class ClusterIT {
    @TempDir
    Path tmp;

    private TrainingJobService open() {
        return TrainingJobService.open(new KilnHome(tmp.resolve("home")), KilnConfig.fromMap(Map.of(
                "kiln.stop.graceSeconds", "2", "kiln.host.cpus", "8", "kiln.host.memory", "64g", "kiln.host.gpus", "none")),
                LaunchMode.IN_ENGINE);
    }

    private Path jobDir(String job) {
        return tmp.resolve("home/jobs").resolve(job);
    }

    private static boolean hasPython() {
        try {
            return new ProcessBuilder("python3", "-c", "pass").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void twoHostsExchangeAMessageOverTheirLoopbackAddresses() throws Exception {
        Assumptions.assumeTrue(hasPython(), "python3 is needed for the socket exchange");
        Path prog = script(tmp, "train", """
                exec python3 - <<'PY'
                import json, os, socket, time
                addrs = json.loads(os.environ["KILN_HOST_ADDRESSES"])
                me = os.environ["SM_CURRENT_HOST"]
                out = os.path.join(os.environ["SM_MODEL_DIR"], me + ".txt")
                if me == "algo-1":
                    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                    s.bind((os.environ["KILN_HOST_ADDRESS"], 7777)); s.listen(1); s.settimeout(20)
                    conn, _ = s.accept(); msg = conn.recv(100).decode(); conn.sendall(b"hello algo-2"); conn.close()
                else:
                    for _ in range(200):
                        try:
                            c = socket.create_connection((addrs["algo-1"], 7777), timeout=2); break
                        except OSError:
                            time.sleep(0.1)
                    c.sendall(("hello from " + me).encode()); msg = c.recv(100).decode(); c.close()
                open(out, "w").write(msg)
                print("received:", msg)
                PY""");
        ObjectNode req = request("pair", prog);
        ((ObjectNode) req.get("ResourceConfig")).put("InstanceCount", 2);
        try (var service = open()) {
            service.create(toRequest(req), tmp);
            var r = service.awaitTerminal("pair", Duration.ofSeconds(60));
            assertEquals("Completed", r.status().name(), r.failureReason());
        }
        assertEquals("hello from algo-2", Files.readString(jobDir("pair").resolve("opt/ml/model/algo-1.txt")));
        assertEquals("hello algo-2", Files.readString(jobDir("pair").resolve("hosts/algo-2/opt/ml/model/algo-2.txt")));
        assertEquals(Set.of("algo-1.txt", "algo-2.txt"),
                new HashSet<>(LifecycleIT.tarEntries(tmp.resolve("home/s3/out-bucket/jobs/pair/output/model.tar.gz"))),
                "the model is merged from every host");
        assertTrue(Files.readString(jobDir("pair").resolve("logs/algo-2.log")).contains("received: hello algo-2"));
    }

    @Test
    void heterogeneousGroupsGetTheirOwnContractAndShards() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("home/s3/data-bucket/train"));
        for (int i = 0; i < 6; i++) {
            Files.writeString(data.resolve("part-" + i), "row " + i + "\n");
        }
        Path prog = script(tmp, "train", """
                cp "$SM_INPUT_CONFIG_DIR/resourceconfig.json" "$SM_OUTPUT_DATA_DIR/rc-$SM_CURRENT_HOST.json"
                ls "$SM_CHANNEL_TRAIN" 2>/dev/null | sort > "$SM_OUTPUT_DATA_DIR/shard-$SM_CURRENT_HOST.txt"
                echo "$SM_HOSTS" > "$SM_OUTPUT_DATA_DIR/hosts-$SM_CURRENT_HOST.txt"
                """);
        ObjectNode req = request("groups", prog);
        ObjectNode rc = (ObjectNode) req.get("ResourceConfig");
        rc.remove("InstanceType");
        rc.remove("InstanceCount");
        ArrayNode groups = rc.putArray("InstanceGroups");
        groups.addObject().put("InstanceType", "ml.c5.xlarge").put("InstanceCount", 1).put("InstanceGroupName", "data");
        groups.addObject().put("InstanceType", "ml.m5.xlarge").put("InstanceCount", 2).put("InstanceGroupName", "train");
        ObjectNode ch = addChannel(req, "train", "s3://data-bucket/train/");
        ObjectNode s3 = (ObjectNode) ch.get("DataSource").get("S3DataSource");
        s3.put("S3DataDistributionType", "ShardedByS3Key");
        s3.putArray("InstanceGroupNames").add("train");
        try (var service = open()) {
            service.create(toRequest(req), tmp);
            var r = service.awaitTerminal("groups", Duration.ofSeconds(60));
            assertEquals("Completed", r.status().name(), r.failureReason());
        }
        ObjectMapper m = new ObjectMapper();
        JsonNode rc2 = m.readTree(jobDir("groups").resolve("hosts/algo-2/opt/ml/output/data/rc-algo-2.json").toFile());
        assertEquals("algo-2", rc2.get("current_host").asText());
        assertEquals("train", rc2.get("current_group_name").asText());
        assertEquals(2, rc2.get("instance_groups").size());
        assertEquals("[\"algo-1\",\"algo-2\",\"algo-3\"]",
                Files.readString(jobDir("groups").resolve("opt/ml/output/data/hosts-algo-1.txt")).trim());
        String shard1 = Files.readString(jobDir("groups").resolve("opt/ml/output/data/shard-algo-1.txt")).trim();
        String shard2 = Files.readString(jobDir("groups").resolve("hosts/algo-2/opt/ml/output/data/shard-algo-2.txt")).trim();
        String shard3 = Files.readString(jobDir("groups").resolve("hosts/algo-3/opt/ml/output/data/shard-algo-3.txt")).trim();
        assertEquals("", shard1, "the data group is not in InstanceGroupNames: no data");
        Set<String> union = new HashSet<>();
        union.addAll(shard2.lines().toList());
        union.addAll(shard3.lines().toList());
        assertEquals(6, union.size(), "the train group's hosts share the objects between them");
        assertEquals(3, shard2.lines().count());
    }

    @Test
    void oneHostFailingFailsTheJobAndStopsTheOthers() throws Exception {
        Path pids = Files.createDirectories(tmp.resolve("pids"));
        Path prog = script(tmp, "train", """
                echo $$ > %s/$SM_CURRENT_HOST
                if [ "$SM_CURRENT_HOST" = "algo-2" ]; then sleep 0.5; echo "disk full on algo-2" > "$SM_OUTPUT_DIR/failure"; exit 2; fi
                while true; do sleep 0.1; done""".formatted(pids));
        ObjectNode req = request("broken", prog);
        ((ObjectNode) req.get("ResourceConfig")).put("InstanceCount", 3);
        try (var service = open()) {
            service.create(toRequest(req), tmp);
            var r = service.awaitTerminal("broken", Duration.ofSeconds(60));
            assertEquals("Failed", r.status().name());
            assertEquals("AlgorithmError: disk full on algo-2", r.failureReason());
        }
        for (String h : new String[] {"algo-1", "algo-3"}) {
            long pid = Long.parseLong(Files.readString(pids.resolve(h)).trim());
            assertFalse(LifecycleIT.running(pid), h + " was stopped");
        }
    }
}
