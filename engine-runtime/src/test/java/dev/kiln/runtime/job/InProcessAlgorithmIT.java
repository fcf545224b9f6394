package dev.kiln.runtime.job;

import static dev.kiln.runtime.testing.TestJobs.algorithmRequest;
import static dev.kiln.runtime.testing.TestJobs.hyperParameters;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobResponse;
import dev.kiln.api.training.StopTrainingJobRequest;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Built-in algorithms found by ServiceLoader, in a child JVM (the default) and on a thread. */
class InProcessAlgorithmIT {
    @TempDir
    Path tmp;

    private TrainingJobService open(boolean inThread) {
        KilnConfig cfg = KilnConfig.defaults().withStopGrace(Duration.ofSeconds(10)).withInThreadAlgorithms(inThread);
        return TrainingJobService.open(new KilnHome(tmp.resolve("home")), cfg, LaunchMode.IN_ENGINE);
    }

    @ParameterizedTest(name = "inThread={0}")
    @ValueSource(booleans = {false, true})
    void algorithmTrainsWithDeclaredMetrics(boolean inThread) throws Exception {
        try (var service = open(inThread)) {
            ObjectNode req = algorithmRequest("alg-ok", "counting");
            hyperParameters(req, Map.of("epochs", "4"));
            service.create(toRequest(req), tmp);
            service.awaitTerminal("alg-ok", Duration.ofSeconds(60));
            DescribeTrainingJobResponse d = service.describe(new DescribeTrainingJobRequest("alg-ok"));
            assertEquals("Completed", d.trainingJobStatus(), d.failureReason());
            assertEquals(1, d.finalMetricDataList().size(), "metrics come from the algorithm's declaration");
            assertEquals("train:loss", d.finalMetricDataList().get(0).metricName());
            assertEquals(0.25, d.finalMetricDataList().get(0).value(), 1e-9);
            assertEquals(4, service.metrics("alg-ok").size());
            String log = Files.readString(service.logFile("alg-ok"));
            long pid = Long.parseLong(log.replaceAll("(?s).*pid (\\d+).*", "$1"));
            if (inThread) {
                assertEquals(ProcessHandle.current().pid(), pid);
            } else {
                assertNotEquals(ProcessHandle.current().pid(), pid, "runs in a child JVM by default");
            }
        }
    }

    @ParameterizedTest(name = "inThread={0}")
    @ValueSource(booleans = {false, true})
    void algorithmExceptionBecomesTheFailureReason(boolean inThread) throws Exception {
        try (var service = open(inThread)) {
            ObjectNode req = algorithmRequest("alg-fail", "counting");
            hyperParameters(req, Map.of("fail", "true"));
            service.create(toRequest(req), tmp);
            var r = service.awaitTerminal("alg-fail", Duration.ofSeconds(60));
            assertEquals("Failed", r.status().name());
            assertEquals("AlgorithmError: IllegalStateException: asked to fail", r.failureReason());
        }
    }

    @ParameterizedTest(name = "inThread={0}")
    @ValueSource(booleans = {false, true})
    void stopSignalReachesTheAlgorithmWhichSavesItsModel(boolean inThread) throws Exception {
        try (var service = open(inThread)) {
            ObjectNode req = algorithmRequest("alg-stop", "counting");
            hyperParameters(req, Map.of("epochs", "100000", "sleep_ms", "50"));
            service.create(toRequest(req), tmp);
            for (int i = 0; i < 400 && service.metrics("alg-stop").size() < 2; i++) {
                Thread.sleep(50);
            }
            service.stop(new StopTrainingJobRequest("alg-stop"));
            var r = service.awaitTerminal("alg-stop", Duration.ofSeconds(30));
            assertEquals("Stopped", r.status().name());
            String model = Files.readString(tmp.resolve("home/jobs/alg-stop/opt/ml/model/model.txt"));
            assertTrue(model.contains("stopped=true"), model);
        }
    }
}
