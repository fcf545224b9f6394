package dev.kiln.containers.docker;

import static dev.kiln.containers.docker.DockerTrainingJobsIT.containerRequest;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.contract.JobLayout;
import dev.kiln.runtime.exec.JobProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container that exceeds its memory limit is killed, and the exit description says why. */
class OutOfMemoryIT {
    @TempDir
    Path tmp;

    @Test
    void theMemoryLimitIsEnforcedAndReported() throws Exception {
        TestEngine e = TestEngine.require();
        Path home = tmp.resolve("home");
        var req = toRequest(containerRequest("hog-job", e.image));
        var launch = Launches.of(home, req, new JobLayout(home.resolve("jobs/hog-job")), Launches.host("algo-1", List.of("algo-1")),
                List.of("/scripts/hog.sh"), false, false);
        JobProcess p = e.runtime.start(launch, line -> { });
        OptionalInt code = p.waitFor(Duration.ofSeconds(60));
        assertEquals(OptionalInt.of(137), code);
        String why = p.describeExit(137);
        assertTrue(why.startsWith("killed by signal 9 (the container ran out of memory: its limit is 256 MiB)"), why);
        assertEquals(List.of(), Containers.ofHome(e.client, home));
    }
}
