package dev.kiln.containers.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.api.json.RequestParser;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobResponse;
import dev.kiln.api.training.MetricData;
import dev.kiln.runtime.testing.TestJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** samples/containers: its build.sh makes the image and its job.json runs unchanged. */
class ContainerSampleIT {
    @TempDir
    Path home;

    @Test
    void sampleImageBuildsAndItsJobLearnsTheMean() throws Exception {
        TestEngine.require();
        Path dir = Path.of("../samples/containers").toAbsolutePath().normalize();
        assumeTrue(Files.isRegularFile(dir.resolve("build.sh")), "the samples directory is not next to this module");
        Process build;
        try {
            build = new ProcessBuilder(dir.resolve("build.sh").toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "cannot run build.sh (bash and the docker CLI are needed): " + e.getMessage());
            return;
        }
        String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(build.waitFor(5, TimeUnit.MINUTES));
        assumeTrue(build.exitValue() == 0 || !out.contains("docker: command not found"), "no docker CLI: " + out);
        assertEquals(0, build.exitValue(), out);

        CreateTrainingJobRequest request = RequestParser.parse(Files.readString(dir.resolve("job.json")), CreateTrainingJobRequest.class);
        try (var service = TestJobs.service(home)) {
            service.create(request, dir);
            service.awaitTerminal(request.trainingJobName(), Duration.ofMinutes(2));
            DescribeTrainingJobResponse d = service.describe(new DescribeTrainingJobRequest(request.trainingJobName()));
            assertEquals("Completed", d.trainingJobStatus(), d.failureReason());
            Map<String, Double> m = d.finalMetricDataList().stream().collect(Collectors.toMap(MetricData::metricName, MetricData::value));
            assertEquals(10.0, m.get("train:mean"), 0.5, m.toString());
            assertTrue(Files.exists(home.resolve("s3/kiln-samples/containers/output/" + request.trainingJobName()
                    + "/output/model.tar.gz")));
        }
    }
}
