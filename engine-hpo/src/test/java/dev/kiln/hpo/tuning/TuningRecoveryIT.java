package dev.kiln.hpo.tuning;

import static dev.kiln.hpo.tuning.TuningFixtures.objectiveScript;
import static dev.kiln.hpo.tuning.TuningFixtures.parse;
import static dev.kiln.hpo.tuning.TuningFixtures.request;
import static dev.kiln.hpo.tuning.TuningFixtures.statics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.hpo.sampler.Direction;
import dev.kiln.hpo.sampler.RandomSampler;
import dev.kiln.hpo.space.ContinuousParameterRange;
import dev.kiln.hpo.space.ScalingType;
import dev.kiln.hpo.space.SearchSpace;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.store.ProcessRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine orchestrating a tuning job is killed with SIGKILL in the middle of it; an engine opened
 * on the same home resumes the job: nothing recorded is lost, no training process is left running,
 * and the number of trials stays within MaxNumberOfTrainingJobs.
 */
class TuningRecoveryIT {
    @TempDir
    Path tmp;

    @Test
    void aKilledOrchestratorIsResumedByTheNextEngine() throws Exception {
        KilnHome home = new KilnHome(tmp.resolve("home"));
        ObjectNode r = request("crash", objectiveScript(tmp), "Random", 8, 2);
        statics(r).put("epochs", "10").put("sleep", "0.2");
        List<ProcessRef> orphans;
        try (TuningJobService cli = TuningJobService.open(home, TuningFixtures.config(), LaunchMode.DETACHED)) {
            cli.create(parse(r), tmp);
            ProcessRef orchestrator = cli.record("crash").orchestrator();
            assertNotNull(orchestrator);
            assertTrue(orchestrator.pid() != ProcessHandle.current().pid(), "the orchestrator runs in its own JVM");
            awaitEndedTrials(cli, "crash", 2, home);
            orphans = TuningLifecycleIT.awaitRunningProcesses(cli, "crash", 1);
            ProcessHandle jvm = orchestrator.live().orElseThrow();
            jvm.destroyForcibly();
            jvm.onExit().get();
            assertTrue(orphans.stream().anyMatch(ProcessRef::isAlive), "training processes outlive the killed engine");
            assertEquals("InProgress", cli.record("crash").status().name());
        }
        int before;
        try (TuningJobService engine = TuningJobService.open(home, TuningFixtures.config(), LaunchMode.IN_ENGINE)) {
            before = engine.trials("crash").size();
            TuningJobRecord end = engine.awaitTerminal("crash", Duration.ofMinutes(3));
            assertEquals("Completed", end.status().name(), end.toString());
            orphans.forEach(p -> assertTrue(!p.isAlive(), "orphan " + p.pid() + " still runs"));

            List<TrialRecord> trials = engine.trials("crash");
            assertEquals(8, trials.size(), "MaxNumberOfTrainingJobs holds across the restart");
            assertEquals(IntStream.rangeClosed(1, 8).boxed().toList(), trials.stream().map(TrialRecord::index).toList());
            for (TrialRecord t : trials) {
                assertTrue(t.isEnded(), t.toString());
                assertTrue(engine.trainingJobs().exists(t.trainingJobName()), "no record lost: " + t.trainingJobName());
            }
            // Trials cut off by the crash failed with an infrastructure error, which the service could retry.
            var d = engine.describe(new DescribeHyperParameterTuningJobRequest("crash"));
            assertTrue(d.trainingJobStatusCounters().retryableError() >= 1, d.trainingJobStatusCounters().toString());
            assertEquals(8, d.trainingJobStatusCounters().completed() + d.trainingJobStatusCounters().retryableError());
            // Random search replays its seeded sequence: the trials are exactly those of an uninterrupted run.
            assertEquals(expectedRandomValues(8), trials.stream().map(t -> t.tunedHyperParameters().get("x")).toList());
            assertTrue(before <= 8);
            assertTrue(Files.readString(TuningFiles.log(home, "crash")).contains("resuming with " + before + " trials recorded"));
        }
    }

    private static List<String> expectedRandomValues(int n) {
        RandomSampler s = new RandomSampler(SearchSpace.of(new ContinuousParameterRange("x", 0, 1, ScalingType.LINEAR)),
                Direction.MINIMIZE, 7);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(s.ask().configuration().hyperParameters().get("x"));
        }
        return out;
    }

    private static void awaitEndedTrials(TuningJobService s, String name, int count, KilnHome home) throws Exception {
        for (int i = 0; i < 1200; i++) {
            if (s.trials(name).stream().filter(TrialRecord::isEnded).count() >= count) {
                return;
            }
            Thread.sleep(50);
        }
        Path log = TuningFiles.orchestratorLog(home, name);
        throw new AssertionError("no trials ended: " + (Files.exists(log) ? Files.readString(log) : "no log")
                + Map.of("trials", s.trials(name)));
    }
}
