package dev.kiln.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.json.RequestParser;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobResponse;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command: the Bayesian tuning sample over TransE on Kinship runs unchanged and tunes. */
class KgeTuningSampleIT {
    @TempDir
    Path home;

    @Test
    void transeKinshipTuningSampleCompletesAndBeatsRandomRanking() throws Exception {
        Path dir = Path.of("tuning").toAbsolutePath();
        CreateHyperParameterTuningJobRequest request = RequestParser.parse(
                Files.readString(dir.resolve("transe-kinship.json")), CreateHyperParameterTuningJobRequest.class);
        String name = request.hyperParameterTuningJobName();
        try (var tuning = TuningJobService.over(TestJobs.service(home), LaunchMode.IN_ENGINE)) {
            tuning.create(request, dir);
            tuning.awaitTerminal(name, Duration.ofMinutes(10));
            DescribeHyperParameterTuningJobResponse d =
                    tuning.describe(new DescribeHyperParameterTuningJobRequest(name));
            assertEquals("Completed", d.hyperParameterTuningJobStatus(), d.failureReason());
            assertEquals(20, d.trainingJobStatusCounters().completed() + d.trainingJobStatusCounters().stopped(),
                    d.trainingJobStatusCounters().toString());
            assertNotNull(d.bestTrainingJob());
            // validation:mrr is declared by the transe algorithm: no MetricDefinitions in the sample.
            assertEquals("validation:mrr", d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric().metricName());
            // Random ranking of Kinship's 104 entities gives an MRR near 0.05; a tuned TransE reaches about 0.3.
            double best = d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric().value();
            assertTrue(best > 0.2, "best validation MRR " + best);
        }
    }
}
