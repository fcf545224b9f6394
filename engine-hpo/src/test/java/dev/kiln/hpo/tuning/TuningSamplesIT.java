package dev.kiln.hpo.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.json.RequestParser;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The samples in samples/tuning run unchanged, one per strategy, and find Branin's minimum (0.397887) or near it. */
class TuningSamplesIT {
    private static final Path SAMPLES = Path.of("../samples/tuning").toAbsolutePath().normalize();
    private static final double BRANIN_MIN = 0.397887;

    @TempDir
    Path home;

    private DescribeHyperParameterTuningJobResponse run(String sample) throws Exception {
        CreateHyperParameterTuningJobRequest r = RequestParser.parse(Files.readString(SAMPLES.resolve(sample)),
                CreateHyperParameterTuningJobRequest.class);
        try (TuningJobService service = TuningFixtures.service(home)) {
            service.create(r, SAMPLES);
            TuningJobRecord end = service.awaitTerminal(r.hyperParameterTuningJobName(), Duration.ofMinutes(5));
            assertEquals("Completed", end.status().name(), end.toString());
            assertTrue(Files.exists(service.reportFile(r.hyperParameterTuningJobName())));
            return service.describe(new DescribeHyperParameterTuningJobRequest(r.hyperParameterTuningJobName()));
        }
    }

    private static double best(DescribeHyperParameterTuningJobResponse d) {
        return d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric().value();
    }

    @Test
    void gridFindsTheMinimumAmongItsNineCombinations() throws Exception {
        var d = run("grid.json");
        assertEquals(9, d.trainingJobStatusCounters().completed());
        assertEquals(BRANIN_MIN, best(d), 1e-4);
        // Two of Branin's three minima are on the grid; they tie at the precision the program prints.
        assertTrue(java.util.List.of(Map.of("x1", "3.14159", "x2", "2.275"), Map.of("x1", "-3.14159", "x2", "12.275"))
                .contains(d.bestTrainingJob().tunedHyperParameters()), d.bestTrainingJob().toString());
    }

    @Test
    void bayesianGetsCloseToTheMinimum() throws Exception {
        var d = run("bayesian.json");
        assertTrue(best(d) < 1.0, "best " + best(d));
    }

    @Test
    void randomWithEarlyStoppingRunsItsBudget() throws Exception {
        var d = run("random.json");
        assertEquals(30, d.trainingJobStatusCounters().completed());
        assertTrue(best(d) < 5, "best " + best(d));
    }

    @Test
    void hyperbandStopsTrialsEarly() throws Exception {
        var d = run("hyperband.json");
        assertEquals(30, d.trainingJobStatusCounters().completed());
        assertTrue(best(d) < 5, "best " + best(d));
    }
}
