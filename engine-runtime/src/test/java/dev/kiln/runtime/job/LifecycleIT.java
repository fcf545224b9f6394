package dev.kiln.runtime.job;

import static dev.kiln.runtime.testing.TestJobs.metric;
import static dev.kiln.runtime.testing.TestJobs.request;
import static dev.kiln.runtime.testing.TestJobs.script;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobResponse;
import dev.kiln.api.training.MetricData;
import dev.kiln.api.training.SecondaryStatusTransition;
import dev.kiln.api.training.StopTrainingJobRequest;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.store.MetricRow;
import dev.kiln.runtime.testing.TestJobs;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Statuses, transitions, metrics, failure reasons, outputs, stop and MaxRuntime of process jobs. */
class LifecycleIT {
    @TempDir
    Path tmp;
    Path home;
    TrainingJobService service;

    @BeforeEach
    void open() {
        home = tmp.resolve("home");
        service = TestJobs.service(home, Duration.ofSeconds(2));
    }

    @AfterEach
    void close() {
        service.close();
    }

    private DescribeTrainingJobResponse run(ObjectNode req) throws Exception {
        String name = req.get("TrainingJobName").asText();
        service.create(toRequest(req), tmp);
        service.awaitTerminal(name, Duration.ofSeconds(60));
        return service.describe(new DescribeTrainingJobRequest(name));
    }

    @Test
    void completedJobReportsTransitionsTimesAndMetrics() throws Exception {
        Path prog = script(tmp, "train", """
                for i in 1 2 3; do echo "epoch=$i loss=$(echo "1/$i" | awk '{print 1/'$i'}') acc=0.$i"; done
                echo "acc=0.95" >&2
                echo "loss=not-a-number"
                echo hello > "$SM_MODEL_DIR/weights.txt"
                mkdir -p "$SM_MODEL_DIR/sub" && echo x > "$SM_MODEL_DIR/sub/extra.bin"
                echo report > "$SM_OUTPUT_DATA_DIR/report.txt"
                """);
        ObjectNode req = request("ok-job", prog);
        metric(req, "train:loss", "loss=([0-9.]+)");
        metric(req, "train:acc", "acc=([0-9.]+)");
        DescribeTrainingJobResponse d = run(req);

        assertEquals("Completed", d.trainingJobStatus());
        assertEquals("Completed", d.secondaryStatus());
        assertNull(d.failureReason());
        List<String> steps = d.secondaryStatusTransitions().stream().map(SecondaryStatusTransition::status).toList();
        assertEquals(List.of("Starting", "Downloading", "Training", "Uploading", "Completed"), steps);
        for (int i = 0; i < d.secondaryStatusTransitions().size() - 1; i++) {
            SecondaryStatusTransition t = d.secondaryStatusTransitions().get(i);
            assertNotNull(t.endTime(), t.status() + " is closed");
            assertEquals(t.endTime(), d.secondaryStatusTransitions().get(i + 1).startTime(), "transitions are contiguous");
            assertNotNull(t.statusMessage());
        }
        assertNotNull(d.trainingStartTime());
        assertNotNull(d.trainingEndTime());
        assertFalse(d.trainingEndTime().isBefore(d.trainingStartTime()));
        assertFalse(d.trainingStartTime().isBefore(d.creationTime()));
        assertTrue(d.trainingTimeInSeconds() >= 1);
        assertEquals(d.trainingTimeInSeconds(), d.billableTimeInSeconds());

        Map<String, Double> finals = d.finalMetricDataList().stream()
                .collect(Collectors.toMap(MetricData::metricName, MetricData::value));
        assertEquals(Map.of("train:loss", 1.0 / 3, "train:acc", 0.95), roundValues(finals));
        List<MetricRow> series = service.metrics("ok-job");
        assertEquals(3, series.stream().filter(r -> r.name().equals("train:loss")).count(), "non-numeric values are ignored");
        assertEquals(4, series.stream().filter(r -> r.name().equals("train:acc")).count(), "stderr is scraped too");

        Path out = home.resolve("s3/out-bucket/jobs/ok-job/output");
        assertEquals(List.of("sub/", "sub/extra.bin", "weights.txt"), tarEntries(out.resolve("model.tar.gz")));
        assertEquals(List.of("report.txt"), tarEntries(out.resolve("output.tar.gz")));
    }

    private static Map<String, Double> roundValues(Map<String, Double> m) {
        return m.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getKey().equals("train:loss") ? 1.0 / 3 * Math.round(e.getValue() * 3) : e.getValue()));
    }

    @Test
    void uncompressedOutputLeavesModelFilesInPlace() throws Exception {
        Path prog = script(tmp, "train", "echo w > \"$SM_MODEL_DIR/w.txt\"");
        ObjectNode req = request("none-job", prog);
        ((ObjectNode) req.get("OutputDataConfig")).put("CompressionType", "NONE");
        DescribeTrainingJobResponse d = run(req);
        assertEquals("Completed", d.trainingJobStatus());
        assertEquals("s3://out-bucket/jobs/none-job/output/model/", d.modelArtifacts().s3ModelArtifacts());
        assertEquals("w", Files.readString(home.resolve("s3/out-bucket/jobs/none-job/output/model/w.txt")).trim());
    }

    @Test
    void failureReasonComesFromTheFailureFile() throws Exception {
        Path prog = script(tmp, "train", """
                echo "ValueError: learning rate must be positive" > "$SM_OUTPUT_DIR/failure"
                exit 3""");
        DescribeTrainingJobResponse d = run(request("fail-file", prog));
        assertEquals("Failed", d.trainingJobStatus());
        assertEquals("Failed", d.secondaryStatus());
        assertEquals("AlgorithmError: ValueError: learning rate must be positive", d.failureReason());
        assertNotNull(d.trainingEndTime());
    }

    @Test
    void failureReasonFallsBackToExitStatusAndIsCappedAt1024() throws Exception {
        DescribeTrainingJobResponse d = run(request("fail-exit", script(tmp, "train1", "exit 7")));
        assertTrue(d.failureReason().startsWith("AlgorithmError: "), d.failureReason());
        assertTrue(d.failureReason().contains("exit code 7"), d.failureReason());

        Path big = script(tmp, "train2", "head -c 5000 /dev/zero | tr '\\0' 'x' > \"$SM_OUTPUT_DIR/failure\"; exit 1");
        DescribeTrainingJobResponse d2 = run(request("fail-big", big));
        assertEquals(1024, d2.failureReason().length());
    }

    @Test
    void stopGivesTheProgramItsGraceAndKeepsWhatItSaved() throws Exception {
        Path prog = script(tmp, "train", """
                trap 'echo saving; echo final > "$SM_MODEL_DIR/model.txt"; exit 0' TERM
                echo started
                while true; do sleep 0.1; done""");
        service.create(toRequest(request("stop-job", prog)), tmp);
        awaitLog("stop-job", "started");
        service.stop(new StopTrainingJobRequest("stop-job"));
        assertEquals("Stopping", service.describe(new DescribeTrainingJobRequest("stop-job")).trainingJobStatus());
        service.awaitTerminal("stop-job", Duration.ofSeconds(30));
        DescribeTrainingJobResponse d = service.describe(new DescribeTrainingJobRequest("stop-job"));
        assertEquals("Stopped", d.trainingJobStatus());
        assertEquals("Stopped", d.secondaryStatus());
        List<String> steps = d.secondaryStatusTransitions().stream().map(SecondaryStatusTransition::status).toList();
        assertEquals(List.of("Starting", "Downloading", "Training", "Stopping", "Stopped"), steps);
        assertEquals(List.of("model.txt"), tarEntries(home.resolve("s3/out-bucket/jobs/stop-job/output/model.tar.gz")),
                "artifacts written during the grace period count");
    }

    @Test
    void programIgnoringSigtermIsKilledWithItsChildrenAfterTheGrace() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        Path prog = script(tmp, "train", """
                trap '' TERM
                sleep 300 &
                echo $! > %s
                echo started
                while true; do sleep 0.1; done""".formatted(pidFile));
        service.create(toRequest(request("stubborn", prog)), tmp);
        awaitLog("stubborn", "started");
        long child = Long.parseLong(Files.readString(pidFile).trim());
        assertTrue(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false));
        long t0 = System.nanoTime();
        service.stop(new StopTrainingJobRequest("stubborn"));
        var r = service.awaitTerminal("stubborn", Duration.ofSeconds(30));
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals("Stopped", r.status().name());
        assertTrue(seconds >= 1.5, "SIGKILL waits for the grace period (2 s), took " + seconds);
        assertFalse(running(child), "no orphan process is left");
    }

    @Test
    void maxRuntimeStopsTheJobAsMaxRuntimeExceeded() throws Exception {
        Path prog = script(tmp, "train", """
                trap 'echo partial > "$SM_MODEL_DIR/partial.txt"; exit 0' TERM
                while true; do sleep 0.1; done""");
        ObjectNode req = request("slow-job", prog);
        ((ObjectNode) req.get("StoppingCondition")).put("MaxRuntimeInSeconds", 1);
        DescribeTrainingJobResponse d = run(req);
        assertEquals("Stopped", d.trainingJobStatus());
        assertEquals("MaxRuntimeExceeded", d.secondaryStatus());
        assertTrue(Files.exists(home.resolve("s3/out-bucket/jobs/slow-job/output/model.tar.gz")));
    }

    @Test
    void leftoverBackgroundProcessesAreEndedWhenTheProgramExits() throws Exception {
        Path pidFile = tmp.resolve("bg.pid");
        Path prog = script(tmp, "train", "sleep 300 > /dev/null 2>&1 &\necho $! > " + pidFile + "\nexit 0");
        DescribeTrainingJobResponse d = run(request("bg-job", prog));
        assertEquals("Completed", d.trainingJobStatus());
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        assertFalse(running(pid));
    }

    @Test
    void checkpointsAreRestoredBeforeAndSavedAfterTheJob() throws Exception {
        Path prog = script(tmp, "train", """
                n=$(cat "$KILN_CHECKPOINT_DIR/count" 2>/dev/null || echo 0)
                echo "resumed-from=$n"
                echo $((n + 1)) > "$KILN_CHECKPOINT_DIR/count"
                """);
        for (String name : new String[] {"ckpt-1", "ckpt-2"}) {
            ObjectNode req = request(name, prog);
            req.putObject("CheckpointConfig").put("S3Uri", "s3://ckpt-bucket/run-a");
            assertEquals("Completed", run(req).trainingJobStatus());
        }
        assertEquals("2", Files.readString(home.resolve("s3/ckpt-bucket/run-a/count")).trim());
        awaitLog("ckpt-2", "resumed-from=1");
    }

    /**
     * True while the process runs. A killed process may linger as a zombie until its new parent reaps
     * it (a container's init may never do so), which is not running.
     */
    static boolean running(long pid) throws InterruptedException {
        for (int i = 0; i < 50; i++) {
            Path stat = Path.of("/proc/" + pid + "/stat");
            try {
                String s = Files.readString(stat);
                char state = s.charAt(s.lastIndexOf(')') + 2);
                if (state == 'Z' || state == 'X') {
                    return false;
                }
            } catch (java.io.IOException gone) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    @Test
    void checkpointsRoundTripThroughAFileUriToo() throws Exception {
        Path store = tmp.resolve("ckpt-store");
        Path prog = script(tmp, "train-file", """
                n=$(cat "$KILN_CHECKPOINT_DIR/sub/count" 2>/dev/null || echo 0)
                mkdir -p "$KILN_CHECKPOINT_DIR/sub"
                echo $((n + 1)) > "$KILN_CHECKPOINT_DIR/sub/count"
                """);
        for (String name : new String[] {"fckpt-1", "fckpt-2"}) {
            ObjectNode req = request(name, prog);
            req.putObject("CheckpointConfig").put("S3Uri", store.toUri().toString());
            assertEquals("Completed", run(req).trainingJobStatus());
        }
        assertEquals("2", Files.readString(store.resolve("sub/count")).trim(), "restored into the same relative path");
    }

    private void awaitLog(String job, String text) throws Exception {
        for (int i = 0; i < 300; i++) {
            Path log = service.logFile(job);
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("log of " + job + " never showed " + text);
    }

    static List<String> tarEntries(Path tarGz) throws Exception {
        List<String> names = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tarGz);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        names.sort(String::compareTo);
        return names;
    }
}
