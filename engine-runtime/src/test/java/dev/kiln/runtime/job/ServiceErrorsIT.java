package dev.kiln.runtime.job;

import static dev.kiln.runtime.testing.TestJobs.request;
import static dev.kiln.runtime.testing.TestJobs.script;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.error.KilnApiException;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.ListTrainingJobsRequest;
import dev.kiln.api.training.StopTrainingJobRequest;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Requests the engine refuses: the right error, and no job record or directory left behind. */
class ServiceErrorsIT {
    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    static Path program() throws Exception {
        Path p = shared.resolve("bin/train");
        return Files.exists(p) ? p : script(shared.resolve("bin"), "train", "exit 0");
    }

    static Stream<Arguments> badRequests() {
        return Stream.of(
                bad("container image without Docker", "ValidationException", "container image",
                        r -> ((ObjectNode) r.get("AlgorithmSpecification")).put("TrainingImage",
                                "123456789012.dkr.ecr.us-west-2.amazonaws.com/algo:1")),
                bad("missing executable", "ValidationException", "no such file",
                        r -> ((ObjectNode) r.get("AlgorithmSpecification")).put("TrainingImage", "file:///nonexistent/train")),
                bad("unknown built-in algorithm", "ValidationException", "not a built-in algorithm",
                        r -> {
                            ObjectNode a = (ObjectNode) r.get("AlgorithmSpecification");
                            a.remove("TrainingImage");
                            a.put("AlgorithmName", "no-such-algorithm");
                        }),
                bad("bad name", "ValidationException", "trainingJobName", r -> r.put("TrainingJobName", "bad_name!")),
                bad("secret in hyperparameters", "ValidationException", "aws_key",
                        r -> r.putObject("HyperParameters").put("aws_key", "AKIAIOSFODNN7EXAMPLE")),
                bad("output bucket breaking S3 naming rules", "ValidationException", "OutputDataConfig.S3OutputPath",
                        r -> ((ObjectNode) r.get("OutputDataConfig")).put("S3OutputPath", "s3://b/out")),
                bad("unknown instance type", "ValidationException", "instanceType",
                        r -> ((ObjectNode) r.get("ResourceConfig")).put("InstanceType", "ml.z9.huge")));
    }

    private static Arguments bad(String what, String code, String messagePart, Consumer<ObjectNode> mutation) {
        return Arguments.of(what, code, messagePart, mutation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void rejectedRequestLeavesNothingBehind(String what, String code, String messagePart, Consumer<ObjectNode> mutation)
            throws Exception {
        Path home = tmp.resolve("home");
        try (var service = TestJobs.service(home)) {
            ObjectNode req = request("bad-job", program());
            mutation.accept(req);
            KilnApiException e = assertThrows(KilnApiException.class, () -> service.create(toRequest(req), tmp));
            assertEquals(code, e.errorCode(), e.getMessage());
            assertTrue(e.getMessage().contains(messagePart), e.getMessage());
            assertEquals(0, service.list(listAll()).trainingJobSummaries().size());
            assertFalse(Files.exists(home.resolve("jobs/bad-job")));
        }
    }

    @Test
    void strictModeRejectsInstanceTypesLargerThanTheMachine() throws Exception {
        Path home = tmp.resolve("home");
        KilnConfig strict = KilnConfig.defaults().withStrictInstances(true)
                .withHostOverrides(Map.of("kiln.host.cpus", "2", "kiln.host.gpus", "none"));
        try (var service = TrainingJobService.open(new KilnHome(home), strict, LaunchMode.IN_ENGINE)) {
            ObjectNode req = request("big-job", program());
            ((ObjectNode) req.get("ResourceConfig")).put("InstanceType", "ml.p3.16xlarge");
            KilnApiException e = assertThrows(KilnApiException.class, () -> service.create(toRequest(req), tmp));
            assertEquals("ResourceLimitExceeded", e.errorCode());
            assertEquals(0, service.list(listAll()).trainingJobSummaries().size());
        }
    }

    @Test
    void largeInstanceTypeIsScaledDownWithAWarningInTheLog() throws Exception {
        Path home = tmp.resolve("home");
        KilnConfig cfg = KilnConfig.defaults().withHostOverrides(Map.of("kiln.host.cpus", "2", "kiln.host.gpus", "none"));
        try (var service = TrainingJobService.open(new KilnHome(home), cfg, LaunchMode.IN_ENGINE)) {
            ObjectNode req = request("scaled-job", script(tmp, "train", "echo cpus=$SM_NUM_CPUS gpus=$SM_NUM_GPUS"));
            ((ObjectNode) req.get("ResourceConfig")).put("InstanceType", "ml.p3.16xlarge");
            service.create(toRequest(req), tmp);
            assertEquals("Completed", service.awaitTerminal("scaled-job", Duration.ofSeconds(30)).status().name());
            String log = Files.readString(service.logFile("scaled-job"));
            assertTrue(log.contains("warning"), log);
            assertTrue(log.contains("cpus=2 gpus=0"), log);
        }
    }

    @Test
    void duplicateNameIsResourceInUseAndKeepsTheFirstJob() throws Exception {
        try (var service = TestJobs.service(tmp.resolve("home"))) {
            service.create(toRequest(request("dup-job", program())), tmp);
            KilnApiException e = assertThrows(KilnApiException.class,
                    () -> service.create(toRequest(request("DUP-job", program())), tmp));
            assertEquals("ResourceInUse", e.errorCode());
            assertEquals("Completed", service.awaitTerminal("dup-job", Duration.ofSeconds(30)).status().name());
            assertEquals(1, service.list(listAll()).trainingJobSummaries().size());
        }
    }

    @Test
    void unknownJobIsResourceNotFound() {
        try (var service = TestJobs.service(tmp.resolve("home"))) {
            KilnApiException d = assertThrows(KilnApiException.class,
                    () -> service.describe(new DescribeTrainingJobRequest("nope")));
            assertEquals("ResourceNotFound", d.errorCode());
            KilnApiException s = assertThrows(KilnApiException.class,
                    () -> service.stop(new StopTrainingJobRequest("nope")));
            assertEquals("ResourceNotFound", s.errorCode());
        }
    }

    @Test
    void stoppingAFinishedJobIsAValidationError() throws Exception {
        try (var service = TestJobs.service(tmp.resolve("home"))) {
            service.create(toRequest(request("done-job", program())), tmp);
            service.awaitTerminal("done-job", Duration.ofSeconds(30));
            KilnApiException e = assertThrows(KilnApiException.class,
                    () -> service.stop(new StopTrainingJobRequest("done-job")));
            assertEquals("ValidationException", e.errorCode());
            assertTrue(e.getMessage().contains("Completed"));
        }
    }

    static ListTrainingJobsRequest listAll() {
        return new ListTrainingJobsRequest(null, 100, null, null, null, null, null, null, null, null, null, null);
    }
}
