package dev.kiln.runtime.job;

import static dev.kiln.runtime.testing.TestJobs.request;
import static dev.kiln.runtime.testing.TestJobs.script;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.store.ProcessRef;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job whose engine dies is resolved when an engine opens the home again: processes ended, record Failed. */
class RecoveryIT {
    @TempDir
    Path tmp;

    @Test
    void engineCrashIsResolvedAtTheNextStart() throws Exception {
        KilnHome home = new KilnHome(tmp.resolve("home"));
        Path prog = script(tmp, "train", "echo started; while true; do sleep 0.1; done");
        TrainingJobRecord running;
        try (var cli = TrainingJobService.open(home, KilnConfig.defaults(), LaunchMode.DETACHED)) {
            cli.create(toRequest(request("orphan-job", prog)), tmp);
            running = awaitProcess(cli, "orphan-job");
            assertNotNull(running.supervisor());
            // The supervisor is a separate process: kill it the hard way, as a crash or kill -9 would.
            ProcessHandle supervisor = ProcessHandle.of(running.supervisor().pid()).orElseThrow(() -> new AssertionError(
                    "supervisor not running: " + supervisorLog(home)));
            supervisor.destroyForcibly();
            supervisor.onExit().get();
        }
        ProcessRef job = running.process();
        assertTrue(job.isAlive(), "the training process outlives its supervisor until recovery");

        try (var engine = TrainingJobService.open(home, KilnConfig.defaults(), LaunchMode.IN_ENGINE)) {
            TrainingJobRecord r = engine.record("orphan-job");
            assertEquals("Failed", r.status().name());
            assertEquals("Failed", r.secondaryStatus().name());
            assertTrue(r.failureReason().startsWith("InternalServerError:"), r.failureReason());
            assertNotNull(r.trainingEndTime());
            assertFalse(LifecycleIT.running(job.pid()), "recovery ends the orphaned training process");
            assertEquals(0, engine.recover(), "recovery is idempotent");
        }
    }

    private static String supervisorLog(KilnHome home) {
        try {
            return java.nio.file.Files.readString(home.jobDir("orphan-job").resolve("supervisor.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static TrainingJobRecord awaitProcess(TrainingJobService s, String name) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            TrainingJobRecord r = s.record(name);
            if (r.process() != null && r.supervisor() != null) {
                return r;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("job never started: " + s.record(name));
    }
}
