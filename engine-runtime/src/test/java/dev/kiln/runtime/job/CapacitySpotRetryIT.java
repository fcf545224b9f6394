package dev.kiln.runtime.job;

import static dev.kiln.runtime.testing.TestJobs.request;
import static dev.kiln.runtime.testing.TestJobs.script;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobResponse;
import dev.kiln.api.training.SecondaryStatusTransition;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The resource scheduler, managed spot (deterministic interruptions), MaxWaitTime, MaxPendingTime and retries. */
class CapacitySpotRetryIT {
    @TempDir
    Path tmp;

    private TrainingJobService open(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(Map.of("kiln.stop.graceSeconds", "2", "kiln.host.cpus", "2",
                "kiln.host.memory", "16g", "kiln.host.gpus", "none", "kiln.spot.warningSeconds", "2",
                "kiln.checkpoint.syncSeconds", "0.5"));
        all.putAll(settings);
        return TrainingJobService.open(new KilnHome(tmp.resolve("home")), KilnConfig.fromMap(all), LaunchMode.IN_ENGINE);
    }

    private static List<String> steps(DescribeTrainingJobResponse d) {
        return d.secondaryStatusTransitions().stream().map(SecondaryStatusTransition::status).toList();
    }

    @Test
    void jobsThatDoNotFitWaitAsPendingAndRunOneAfterAnother() throws Exception {
        Path prog = script(tmp, "train", "date +%s%N > \"$SM_MODEL_DIR/start\"; sleep 1; date +%s%N > \"$SM_MODEL_DIR/end\"");
        try (var service = open(Map.of())) {
            // ml.m5.large asks for 2 vCPUs: the whole (capped) machine, so the jobs cannot overlap.
            service.create(toRequest(request("first", prog)), tmp);
            service.create(toRequest(request("second", prog)), tmp);
            service.awaitTerminal("first", Duration.ofSeconds(60));
            service.awaitTerminal("second", Duration.ofSeconds(60));
            DescribeTrainingJobResponse second = service.describe(new DescribeTrainingJobRequest("second"));
            assertEquals("Completed", second.trainingJobStatus());
            assertTrue(steps(second).contains("Pending"), steps(second).toString());
            long firstEnd = Long.parseLong(Files.readString(tmp.resolve("home/jobs/first/opt/ml/model/end")).trim());
            long secondStart = Long.parseLong(Files.readString(tmp.resolve("home/jobs/second/opt/ml/model/start")).trim());
            assertTrue(secondStart >= firstEnd, "the second job started only after the first ended");
        }
    }

    @Test
    void maxPendingTimeEndsAJobThatWaitedTooLong() throws Exception {
        Path slow = script(tmp, "slow", "sleep 3");
        try (var service = open(Map.of())) {
            service.create(toRequest(request("hog", slow)), tmp);
            ObjectNode waiter = request("waiter", slow);
            // The service's minimum is two hours; instead of waiting, move the job's creation back in time.
            ((ObjectNode) waiter.get("StoppingCondition")).put("MaxPendingTimeInSeconds", 7200);
            service.create(toRequest(waiter), tmp);
            service.store().update("waiter", r -> r.withCreationTime(r.creationTime().minusSeconds(7201)));
            var r = service.awaitTerminal("waiter", Duration.ofSeconds(30));
            assertEquals("Stopped", r.status().name());
            assertEquals(List.of("Starting", "Pending", "Stopped"),
                    steps(service.describe(new DescribeTrainingJobRequest("waiter"))));
            assertEquals("Completed", service.awaitTerminal("hog", Duration.ofSeconds(30)).status().name());
        }
    }

    private static final String CHECKPOINTING = """
            trap 'echo "got SIGTERM"; exit 143' TERM
            n=$(cat "$KILN_CHECKPOINT_DIR/epoch" 2>/dev/null || echo 0)
            echo "resume-from=$n"
            while [ "$n" -lt 6 ]; do
              sleep 0.4 & wait $!
              n=$((n + 1)); echo "$n" > "$KILN_CHECKPOINT_DIR/epoch"; echo "epoch=$n"
            done
            echo "done at $n" > "$SM_MODEL_DIR/model.txt"
            """;

    private ObjectNode spotRequest(String name, Path prog, boolean checkpoint) {
        ObjectNode req = request(name, prog);
        req.put("EnableManagedSpotTraining", true);
        ((ObjectNode) req.get("StoppingCondition")).put("MaxWaitTimeInSeconds", 3600);
        if (checkpoint) {
            req.putObject("CheckpointConfig").put("S3Uri", "s3://ckpt-bucket/" + name);
        }
        return req;
    }

    @Test
    void checkpointingSpotJobResumesAfterAnInterruption() throws Exception {
        Path prog = script(tmp, "train", CHECKPOINTING);
        try (var service = open(Map.of("kiln.spot.schedule", "1.5"))) {
            service.create(toRequest(spotRequest("spot-ckpt", prog, true)), tmp);
            var r = service.awaitTerminal("spot-ckpt", Duration.ofSeconds(60));
            DescribeTrainingJobResponse d = service.describe(new DescribeTrainingJobRequest("spot-ckpt"));
            assertEquals("Completed", d.trainingJobStatus(), d.failureReason());
            assertEquals(List.of("Starting", "Downloading", "Training", "Interrupted", "Restarting", "Downloading", "Training",
                    "Uploading", "Completed"), steps(d));
            String log = Files.readString(service.logFile("spot-ckpt"));
            assertTrue(log.contains("got SIGTERM"), "the interruption warning arrives as SIGTERM");
            int resumedFrom = Integer.parseInt(log.lines().filter(l -> l.contains("resume-from="))
                    .reduce((a, b) -> b).orElseThrow().replaceAll(".*resume-from=", "").trim());
            assertTrue(resumedFrom >= 2, "the second attempt resumes from the checkpoint, not from zero: " + resumedFrom);
            assertTrue(d.billableTimeInSeconds() < d.trainingTimeInSeconds() || d.trainingTimeInSeconds() <= 2,
                    "spot billing is discounted: billable " + d.billableTimeInSeconds() + " training " + d.trainingTimeInSeconds());
            assertEquals(2, r.attemptCount());
        }
    }

    @Test
    void nonCheckpointingSpotJobRestartsFromZero() throws Exception {
        Path prog = script(tmp, "train", CHECKPOINTING.replace("$KILN_CHECKPOINT_DIR/epoch", "$SM_OUTPUT_DATA_DIR/epoch"));
        try (var service = open(Map.of("kiln.spot.schedule", "1.5"))) {
            service.create(toRequest(spotRequest("spot-plain", prog, false)), tmp);
            service.awaitTerminal("spot-plain", Duration.ofSeconds(60));
            String log = Files.readString(service.logFile("spot-plain"));
            assertEquals(2, log.lines().filter(l -> l.contains("resume-from=0")).count(), log);
        }
    }

    @Test
    void maxWaitTimeExceededEndsASpotJob() throws Exception {
        Path prog = script(tmp, "train", "while true; do sleep 0.1; done");
        try (var service = open(Map.of())) {
            ObjectNode req = spotRequest("spot-wait", prog, false);
            ((ObjectNode) req.get("StoppingCondition")).put("MaxRuntimeInSeconds", 1).put("MaxWaitTimeInSeconds", 1);
            service.create(toRequest(req), tmp);
            var r = service.awaitTerminal("spot-wait", Duration.ofSeconds(30));
            assertEquals("Stopped", r.status().name());
            assertTrue(List.of("MaxWaitTimeExceeded", "MaxRuntimeExceeded").contains(r.secondaryStatus().name()));
        }
        try (var service = open(Map.of("kiln.spot.schedule", "0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5,0.5"))) {
            ObjectNode req = spotRequest("spot-wait2", script(tmp, "t2", CHECKPOINTING), false);
            ((ObjectNode) req.get("StoppingCondition")).put("MaxRuntimeInSeconds", 60).put("MaxWaitTimeInSeconds", 60);
            // Interrupted every half second and never checkpointing, it cannot finish: the wait limit ends it.
            ((ObjectNode) req.get("StoppingCondition")).put("MaxWaitTimeInSeconds", 3).put("MaxRuntimeInSeconds", 3);
            service.create(toRequest(req), tmp);
            var r = service.awaitTerminal("spot-wait2", Duration.ofSeconds(60));
            assertEquals("Stopped", r.status().name());
            assertEquals("MaxWaitTimeExceeded", r.secondaryStatus().name());
        }
    }

    @Test
    void retriesCoverInfrastructureFailuresButNotAlgorithmErrors() throws Exception {
        try (var service = open(Map.of())) {
            ObjectNode algoError = request("algo-error", script(tmp, "fail", "echo boom > \"$SM_OUTPUT_DIR/failure\"; exit 1"));
            algoError.putObject("RetryStrategy").put("MaximumRetryAttempts", 3);
            service.create(toRequest(algoError), tmp);
            var r = service.awaitTerminal("algo-error", Duration.ofSeconds(30));
            assertEquals("Failed", r.status().name());
            assertEquals(1, r.attemptCount(), "an algorithm error is never retried");
            assertEquals(0, r.retriesUsedCount());

            // An executable that vanishes between create and start cannot be launched: an infrastructure failure.
            Path flaky = script(tmp, "flaky", "exit 0");
            ObjectNode infra = request("infra-error", flaky);
            infra.putObject("RetryStrategy").put("MaximumRetryAttempts", 2);
            Path hog = script(tmp, "hog", "sleep 1");
            service.create(toRequest(request("hog-job", hog)), tmp);
            service.create(toRequest(infra), tmp);
            Files.setPosixFilePermissions(flaky, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            var infraDone = service.awaitTerminal("infra-error", Duration.ofSeconds(30));
            assertEquals("Failed", infraDone.status().name());
            assertEquals(2, infraDone.retriesUsedCount());
            assertEquals(3, infraDone.attemptCount());
            assertTrue(steps(service.describe(new DescribeTrainingJobRequest("infra-error"))).contains("Restarting"));
            assertFalse(infraDone.failureReason().startsWith("AlgorithmError"), infraDone.failureReason());
        }
    }
}
