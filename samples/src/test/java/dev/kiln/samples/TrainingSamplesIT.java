package dev.kiln.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.json.RequestParser;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobResponse;
import dev.kiln.api.training.MetricData;
import dev.kiln.runtime.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main sample runs unchanged and learns its function. */
class TrainingSamplesIT {
    @TempDir
    Path home;

    @Test
    void linearRegressionSampleCompletesAndFitsTheData() throws Exception {
        Path dir = Path.of("training/linear-regression").toAbsolutePath();
        CreateTrainingJobRequest request = RequestParser.parse(Files.readString(dir.resolve("job.json")), CreateTrainingJobRequest.class);
        try (var service = TestJobs.service(home)) {
            service.create(request, dir);
            service.awaitTerminal(request.trainingJobName(), Duration.ofMinutes(3));
            DescribeTrainingJobResponse d = service.describe(new DescribeTrainingJobRequest(request.trainingJobName()));
            assertEquals("Completed", d.trainingJobStatus(), d.failureReason());
            Map<String, Double> m = d.finalMetricDataList().stream().collect(Collectors.toMap(MetricData::metricName, MetricData::value));
            // Noise has standard deviation 0.1, so a fitted model's RMSE is close to 0.1.
            assertTrue(m.get("validation:rmse") < 0.15, m.toString());
            assertTrue(Files.exists(home.resolve("s3/kiln-samples/linear-regression/output/" + request.trainingJobName()
                    + "/output/model.tar.gz")));
            assertTrue(Files.exists(home.resolve("s3/kiln-samples/linear-regression/checkpoints/checkpoint.txt")));
        }
    }
}
