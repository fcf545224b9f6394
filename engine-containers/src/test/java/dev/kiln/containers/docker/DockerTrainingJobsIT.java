package dev.kiln.containers.docker;

import static dev.kiln.runtime.testing.TestJobs.addChannel;
import static dev.kiln.runtime.testing.TestJobs.hyperParameters;
import static dev.kiln.runtime.testing.TestJobs.metric;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.security.auth.module.UnixSystem;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobResponse;
import dev.kiln.api.training.MetricData;
import dev.kiln.api.training.StopTrainingJobRequest;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.log.JobLogReader;
import dev.kiln.runtime.log.LogEvent;
import dev.kiln.runtime.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Container jobs through the real TrainingJobService on a Docker engine: the contract inside the
 * container, metrics, failure file, stop with grace, MaxRuntime, Pipe FIFOs, missing images and the
 * cleanup of containers afterwards. Skipped, saying why, where no engine answers.
 */
class DockerTrainingJobsIT {
    @TempDir
    Path tmp;

    static TrainingJobService service(Path home, Duration grace, Map<String, String> settings) {
        Map<String, String> raw = new java.util.HashMap<>(settings);
        raw.put("kiln.stop.graceSeconds", Long.toString(grace.toSeconds()));
        return TrainingJobService.open(new KilnHome(home), KilnConfig.fromMap(raw), LaunchMode.IN_ENGINE);
    }

    /** A request for {@code image}; with an entrypoint it runs that script instead of {@code train}. */
    static ObjectNode containerRequest(String name, String image, String... entrypoint) {
        ObjectNode req = TestJobs.request(name, Path.of("/unused"));
        ObjectNode alg = (ObjectNode) req.get("AlgorithmSpecification");
        alg.put("TrainingImage", image);
        if (entrypoint.length > 0) {
            var ep = alg.putArray("ContainerEntrypoint");
            for (String s : entrypoint) {
                ep.add(s);
            }
        }
        return req;
    }

    private DescribeTrainingJobResponse run(TrainingJobService service, ObjectNode req) throws Exception {
        String name = req.get("TrainingJobName").asText();
        service.create(toRequest(req), tmp);
        service.awaitTerminal(name, Duration.ofSeconds(120));
        return service.describe(new DescribeTrainingJobRequest(name));
    }

    private Path trainData() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data/train"));
        Files.writeString(data.resolve("a.txt"), "alpha\n");
        Files.writeString(data.resolve("b.txt"), "beta\n");
        return data;
    }

    static void assertNoContainers(TestEngine e, Path home, String job) {
        assertEquals(List.of(), Containers.ofJob(e.client, home, job).stream().map(c -> c.getNames()[0]).toList(),
                "containers of " + job + " are removed");
    }

    @Test
    void runsAnEcrNamedImageWithTheSageMakerContract() throws Exception {
        TestEngine e = TestEngine.require();
        Path home = tmp.resolve("home");
        Path data = trainData();
        ObjectNode req = containerRequest("contract-job", e.ecrImage);
        addChannel(req, "train", data.toUri().toString());
        addChannel(req, "fast", data.toUri().toString()).put("InputMode", "FastFile");
        hyperParameters(req, Map.of("epochs", "2"));
        req.putObject("Environment").put("GREETING", "hi there");
        metric(req, "loss", "loss=([0-9.]+)");
        DescribeTrainingJobResponse d;
        try (TrainingJobService service = service(home, Duration.ofSeconds(5), Map.of())) {
            d = run(service, req);
            List<String> log = logLines(service, "contract-job");
            assertEquals("Completed", d.trainingJobStatus(), d.failureReason() + "\n" + String.join("\n", log));
            UnixSystem me = new UnixSystem();
            for (String expected : List.of("program: train args: ", "user: " + me.getUid() + ":" + me.getGid(), "hostname: algo-1",
                    "env SM_MODEL_DIR=/opt/ml/model", "env SM_INPUT_CONFIG_DIR=/opt/ml/input/config",
                    "env SM_CHANNEL_TRAIN=/opt/ml/input/data/train", "env SM_CURRENT_HOST=algo-1",
                    "env SM_HOSTS=[\"algo-1\"]", "env SM_HP_EPOCHS=2", "env TRAINING_JOB_NAME=contract-job",
                    "env GREETING=hi there", "hyperparameters: {\"epochs\":\"2\"}",
                    "data a.txt: alpha", "data b.txt: beta", "channel fast: alpha beta ", "channel train: alpha beta ",
                    "input/config: read-only", "input/data: read-only",
                    "model: writable", "output/data: writable", "checkpoints: writable")) {
                assertTrue(log.contains(expected), "log has '" + expected + "':\n" + String.join("\n", log));
            }
            assertTrue(log.stream().anyMatch(l -> l.startsWith("resourceconfig: {\"current_host\":\"algo-1\"")), "resourceconfig");
            assertEquals(3, service.metrics("contract-job").size(), "stdout and stderr are both scraped");
        }
        assertEquals(List.of(0.125), d.finalMetricDataList().stream().map(MetricData::value).toList());
        Path model = home.resolve("jobs/contract-job/opt/ml/model/model.txt");
        assertEquals("trained on 2 lines", Files.readString(model).strip());
        assertEquals(new UnixSystem().getUid(), ((Number) Files.getAttribute(model, "unix:uid")).longValue(),
                "files the container writes belong to the user running Kiln");
        assertTrue(Files.size(home.resolve("s3/out-bucket/jobs/contract-job/output/model.tar.gz")) > 0);
        assertNoContainers(e, home, "contract-job");
    }

    @Test
    void containerArgumentsReplaceTrainAsDockerCommandDoes() throws Exception {
        TestEngine e = TestEngine.require();
        ObjectNode req = containerRequest("args-job", e.image);
        var args = ((ObjectNode) req.get("AlgorithmSpecification")).putArray("ContainerArguments");
        args.add("train").add("fast").add("--epochs=3");
        try (TrainingJobService service = service(tmp.resolve("home"), Duration.ofSeconds(5), Map.of())) {
            DescribeTrainingJobResponse d = run(service, req);
            assertEquals("Completed", d.trainingJobStatus(), d.failureReason());
            assertTrue(logLines(service, "args-job").contains("program: train args: fast --epochs=3"));
        }
    }

    @Test
    void failureFileBecomesTheFailureReasonAndTheContainerIsRemoved() throws Exception {
        TestEngine e = TestEngine.require();
        Path home = tmp.resolve("home");
        try (TrainingJobService service = service(home, Duration.ofSeconds(5), Map.of())) {
            DescribeTrainingJobResponse d = run(service, containerRequest("fail-job", e.image, "/scripts/fail.sh"));
            assertEquals("Failed", d.trainingJobStatus());
            assertEquals("AlgorithmError: ValueError: learning_rate must be positive", d.failureReason());
            assertTrue(logLines(service, "fail-job").contains("about to fail"));
        }
        assertNoContainers(e, home, "fail-job");
    }

    @Test
    void stopSendsSigtermAndTheModelSavedInTheGraceIsPublished() throws Exception {
        TestEngine e = TestEngine.require();
        Path home = tmp.resolve("home");
        try (TrainingJobService service = service(home, Duration.ofSeconds(30), Map.of())) {
            service.create(toRequest(containerRequest("graceful-job", e.image, "/scripts/graceful.sh")), tmp);
            awaitLine(service, "graceful-job", "training until stopped");
            service.stop(new StopTrainingJobRequest("graceful-job"));
            service.awaitTerminal("graceful-job", Duration.ofSeconds(60));
            DescribeTrainingJobResponse d = service.describe(new DescribeTrainingJobRequest("graceful-job"));
            List<String> log = logLines(service, "graceful-job");
            assertEquals("Stopped", d.trainingJobStatus(), String.join("\n", log));
            assertTrue(log.contains("caught SIGTERM"), String.join("\n", log));
            assertFalse(log.stream().anyMatch(l -> l.contains("grace period over")), "no SIGKILL was needed");
        }
        assertEquals("saved at stop", Files.readString(home.resolve("jobs/graceful-job/opt/ml/model/final.txt")).strip());
        assertTrue(Files.exists(home.resolve("s3/out-bucket/jobs/graceful-job/output/model.tar.gz")));
        assertNoContainers(e, home, "graceful-job");
    }

    @Test
    void maxRuntimeKillsAContainerThatIgnoresSigterm() throws Exception {
        TestEngine e = TestEngine.require();
        Path home = tmp.resolve("home");
        ObjectNode req = containerRequest("stubborn-job", e.image, "/scripts/stubborn.sh");
        ((ObjectNode) req.get("StoppingCondition")).put("MaxRuntimeInSeconds", 2);
        try (TrainingJobService service = service(home, Duration.ofSeconds(1), Map.of())) {
            DescribeTrainingJobResponse d = run(service, req);
            List<String> log = logLines(service, "stubborn-job");
            assertEquals("Stopped", d.trainingJobStatus(), String.join("\n", log));
            assertEquals("MaxRuntimeExceeded", d.secondaryStatus());
            assertTrue(log.contains("started, not stopping"));
            assertTrue(log.stream().anyMatch(l -> l.contains("grace period over: sending SIGKILL")), String.join("\n", log));
        }
        assertTrue(Files.exists(home.resolve("jobs/stubborn-job/opt/ml/model/partial.txt")));
        assertNoContainers(e, home, "stubborn-job");
    }

    @Test
    void pipeModeFifosReachTheContainerThroughTheMount() throws Exception {
        TestEngine e = TestEngine.require();
        Path home = tmp.resolve("home");
        ObjectNode req = containerRequest("pipe-job", e.image, "/scripts/pipe.sh");
        ((ObjectNode) req.get("AlgorithmSpecification")).put("TrainingInputMode", "Pipe");
        addChannel(req, "train", trainData().toUri().toString());
        try (TrainingJobService service = service(home, Duration.ofSeconds(5), Map.of())) {
            DescribeTrainingJobResponse d = run(service, req);
            List<String> log = logLines(service, "pipe-job");
            assertEquals("Completed", d.trainingJobStatus(), d.failureReason() + "\n" + String.join("\n", log));
            assertTrue(log.contains("fifo: p"), String.join("\n", log));
            assertTrue(log.contains("piped bytes: 11"), String.join("\n", log));
        }
        assertNoContainers(e, home, "pipe-job");
    }

    @Test
    void aMissingImageWhoseRegistryIsUnreachableFailsWithTheReason() throws Exception {
        TestEngine.require();
        Path home = tmp.resolve("home");
        String image = "localhost:1/kiln/missing:1";
        try (TrainingJobService service = service(home, Duration.ofSeconds(5), Map.of())) {
            DescribeTrainingJobResponse d = run(service, containerRequest("missing-image", image));
            assertEquals("Failed", d.trainingJobStatus());
            assertTrue(d.failureReason().contains("image '" + image + "' is not on the Docker engine"), d.failureReason());
            assertTrue(d.failureReason().contains("registry localhost:1 is not reachable"), d.failureReason());
        }
    }

    /** The job's log lines, without the time stamps. */
    static List<String> logLines(TrainingJobService service, String job) {
        Path log = service.logFile(job);
        return Files.exists(log) ? new JobLogReader(log).read(0, 100_000).stream().map(LogEvent::message).toList() : List.of();
    }

    static void awaitLine(TrainingJobService service, String job, String line) throws Exception {
        for (int i = 0; i < 600; i++) {
            if (logLines(service, job).contains(line)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job never printed '" + line + "'");
    }
}
