package dev.kiln.containers.docker;

import static dev.kiln.containers.docker.DockerTrainingJobsIT.containerRequest;
import static dev.kiln.runtime.testing.TestJobs.addChannel;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.runtime.job.TrainingJobService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InstanceCount 2 of a container job through the service: one container per host, reachable by name. */
class ServiceClusterIT {
    @TempDir
    Path tmp;

    @Test
    void twoHostContainerJobExchangesAMessageAndShardsItsData() throws Exception {
        TestEngine e = TestEngine.require();
        Path home = tmp.resolve("home");
        Path data = Files.createDirectories(home.resolve("s3/data-bucket/train"));
        for (String f : new String[] {"part-0", "part-1", "part-2", "part-3"}) {
            Files.writeString(data.resolve(f), f + "\n");
        }
        ObjectNode req = containerRequest("docker-pair", e.image, "/scripts/cluster.sh");
        ((ObjectNode) req.get("ResourceConfig")).put("InstanceCount", 2);
        ((ObjectNode) addChannel(req, "train", "s3://data-bucket/train/").get("DataSource").get("S3DataSource"))
                .put("S3DataDistributionType", "ShardedByS3Key");
        try (TrainingJobService service = DockerTrainingJobsIT.service(home, Duration.ofSeconds(5),
                Map.of("kiln.host.cpus", "8", "kiln.host.memory", "16g"))) {
            service.create(toRequest(req), tmp);
            var r = service.awaitTerminal("docker-pair", Duration.ofSeconds(120));
            assertEquals("Completed", r.status().name(), r.failureReason());
            String log1 = Files.readString(service.logFile("docker-pair"));
            String log2 = Files.readString(home.resolve("jobs/docker-pair/logs/algo-2.log"));
            assertTrue(log1.contains("received: hello from algo-2"), log1);
            assertTrue(log2.contains("sent"), log2);
            assertEquals(2, log1.lines().filter(l -> l.contains("shard part-")).count(), log1);
            assertEquals(2, log2.lines().filter(l -> l.contains("shard part-")).count(), log2);
            assertTrue(DockerTrainingJobsITSupport.tarContains(home.resolve("s3/out-bucket/jobs/docker-pair/output/model.tar.gz"),
                    "received.txt"));
        }
    }
}
