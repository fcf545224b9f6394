package dev.kiln.containers.docker;

import static dev.kiln.containers.docker.DockerTrainingJobsIT.containerRequest;
import static dev.kiln.containers.docker.DockerTrainingJobsIT.service;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.dockerjava.api.model.Container;
import dev.kiln.runtime.contract.JobLayout;
import dev.kiln.runtime.exec.ContainerLaunch;
import dev.kiln.runtime.exec.JobProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An engine starting on a Kiln home removes the containers of jobs it no longer runs, and only those. */
class OrphanCleanupIT {
    @TempDir
    Path tmp;

    private ContainerLaunch launch(Path home, String job, boolean keep) {
        var req = toRequest(containerRequest(job, TestEngine.require().image));
        return Launches.of(home, req, new JobLayout(home.resolve("jobs").resolve(job)), Launches.host("algo-1", List.of("algo-1")),
                List.of("/scripts/stubborn.sh"), false, keep);
    }

    private static List<String> states(TestEngine e, Path home, String job) {
        return Containers.ofJob(e.client, home, job).stream().map(Container::getState).toList();
    }

    @Test
    void leftoversOfThisHomeAreRemovedAtStartOthersStay() throws Exception {
        TestEngine e = TestEngine.require();
        Path home = tmp.resolve("home");
        Path other = tmp.resolve("other-home");
        JobProcess ghost = e.runtime.start(launch(home, "ghost-job", false), line -> { });
        JobProcess foreign = e.runtime.start(launch(other, "ghost-job", false), line -> { });
        JobProcess kept = e.runtime.start(launch(home, "kept-job", true), line -> { });
        try {
            // A job the engine still runs is not a leftover.
            e.runtime.removeOrphans(home, Set.of("ghost-job", "kept-job"));
            assertEquals(List.of("running"), states(e, home, "ghost-job"));

            // The engine that ran ghost-job died; a new one opens the home (TrainingJobService runs the cleanup).
            service(home, Duration.ofSeconds(5), Map.of()).close();
            assertEquals(List.of(), states(e, home, "ghost-job"), "leftover removed");
            assertEquals(List.of("running"), states(e, other, "ghost-job"), "another home's container is left alone");
            assertEquals(List.of("exited"), states(e, home, "kept-job"), "a kept container is stopped, not removed");
        } finally {
            ghost.kill();
            foreign.kill();
            kept.kill();
            Containers.ofHome(e.client, home).forEach(c -> Containers.removeQuietly(e.client, c.getId()));
        }
        assertEquals(List.of(), Containers.ofHome(e.client, other));
    }
}
