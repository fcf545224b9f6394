package dev.kiln.gnn.algorithm;

import static dev.kiln.runtime.testing.TestJobs.addChannel;
import static dev.kiln.runtime.testing.TestJobs.algorithmRequest;
import static dev.kiln.runtime.testing.TestJobs.hyperParameters;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobResponse;
import dev.kiln.api.training.MetricData;
import dev.kiln.gnn.model.Kernels;
import dev.kiln.runtime.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CreateTrainingJob naming {@code distmult} runs through the runtime (child JVM), reports its declared metrics and
 * runs the Vector API kernels.
 */
class KgeTrainingJobIT {
    @TempDir
    Path tmp;

    @Test
    void trainingJobReportsTestMetricsWithoutMetricDefinitions() throws Exception {
        Path nations = KgData.dataset("nations");
        try (var service = TestJobs.service(tmp.resolve("home"))) {
            ObjectNode req = algorithmRequest("kge-nations", "distmult");
            addChannel(req, "train", nations.resolve("train.txt").toUri().toString());
            addChannel(req, "validation", nations.resolve("valid.txt").toUri().toString());
            addChannel(req, "test", nations.resolve("test.txt").toUri().toString());
            hyperParameters(req, Map.of("num-hidden", "16", "num-epochs", "2", "num-negs", "8", "batch-size", "256"));
            service.create(toRequest(req), tmp);
            service.awaitTerminal("kge-nations", Duration.ofSeconds(120));
            DescribeTrainingJobResponse d = service.describe(new DescribeTrainingJobRequest("kge-nations"));
            assertEquals("Completed", d.trainingJobStatus(), d.failureReason());
            Map<String, Double> finals = new java.util.HashMap<>();
            for (MetricData m : d.finalMetricDataList()) {
                finals.put(m.metricName(), m.value());
            }
            assertTrue(finals.containsKey("test:mrr"), finals.toString());
            assertTrue(finals.get("test:mrr") > 0 && finals.get("test:mrr") <= 1, finals.toString());
            assertTrue(finals.containsKey("validation:hits@10"), finals.toString());
            // The child JVM gets the Vector API module (engine-runtime's ChildJvm), as this test JVM does (surefire), so
            // it picks the kernels this JVM picks: the vector ones on AVX2 and AVX-512.
            String log = Files.readString(service.logFile("kge-nations"));
            assertTrue(log.contains(" threads, " + Kernels.name() + " kernels"), log);
        }
    }
}
