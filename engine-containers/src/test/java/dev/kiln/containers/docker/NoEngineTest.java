package dev.kiln.containers.docker;

import static dev.kiln.runtime.testing.TestJobs.request;
import static dev.kiln.runtime.testing.TestJobs.script;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.exec.ContainerRuntimes;
import dev.kiln.runtime.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where no engine answers, container jobs fail with a clear reason and nothing else changes. */
class NoEngineTest {
    private static final String NOWHERE = "unix:///nonexistent/kiln-test/docker.sock";

    @TempDir
    Path tmp;

    @BeforeEach
    void pointAtNoEngine() {
        System.setProperty("kiln.docker.host", NOWHERE);
    }

    @AfterEach
    void restore() {
        System.clearProperty("kiln.docker.host");
    }

    @Test
    void theRuntimeIsOnTheClassPathAndSaysWhyItCannotRun() {
        assertEquals("docker", ContainerRuntimes.find().orElseThrow().name());
        Optional<String> why = new DockerContainerRuntime(DockerSettings.from(Map.of("kiln.docker.host", NOWHERE)), Map.of())
                .unavailableReason();
        assertTrue(why.isPresent());
        assertTrue(why.get().startsWith("no Docker engine answers at " + NOWHERE + " (kiln.docker.host)"), why.get());
    }

    @Test
    void aContainerJobFailsWithTheReasonWhileProcessJobsRun() throws Exception {
        try (var service = TestJobs.service(tmp.resolve("home"))) {
            var req = request("image-job", Path.of("/unused"));
            ((com.fasterxml.jackson.databind.node.ObjectNode) req.get("AlgorithmSpecification")).put("TrainingImage", "algo:1");
            service.create(toRequest(req), tmp);
            var failed = service.awaitTerminal("image-job", Duration.ofSeconds(30));
            assertEquals("Failed", failed.status().name());
            assertTrue(failed.failureReason().startsWith("ClientError: cannot run container image 'algo:1': no Docker engine"),
                    failed.failureReason());

            service.create(toRequest(request("process-job", script(tmp, "train", "echo ok"))), tmp);
            assertEquals("Completed", service.awaitTerminal("process-job", Duration.ofSeconds(30)).status().name());
        }
    }
}
