package dev.kiln.hpo.tuning;

import static dev.kiln.hpo.tuning.TuningFixtures.config;
import static dev.kiln.hpo.tuning.TuningFixtures.objectiveScript;
import static dev.kiln.hpo.tuning.TuningFixtures.parse;
import static dev.kiln.hpo.tuning.TuningFixtures.request;
import static dev.kiln.hpo.tuning.TuningFixtures.statics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.runtime.store.MetricRow;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trials stopped by Hyperband and by the median rule: training jobs Stopped, counted as completed with their last objective. */
class EarlyStoppingIT {
    @TempDir
    Path tmp;

    @Test
    void hyperbandStopsTrialsAtItsRungs() throws Exception {
        ObjectNode r = request("hb", objectiveScript(tmp), "Hyperband", 12, 3);
        statics(r).put("epochs", "9").put("sleep", "0.15");
        config(r).put("TrainingJobEarlyStoppingType", "Off");
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            assertEquals("Completed", service.awaitTerminal("hb", Duration.ofMinutes(3)).status().name());
            List<TrialRecord> trials = service.trials("hb");
            assertEquals(12, trials.size());
            List<TrialRecord> early = trials.stream().filter(t -> t.wasStoppedEarly()
                    && service.trainingJobs().record(t.trainingJobName()).status().name().equals("Stopped")).toList();
            assertTrue(!early.isEmpty(), "Hyperband stopped no trial: " + trials);
            for (TrialRecord t : early) {
                List<MetricRow> points = service.trainingJobs().metrics(t.trainingJobName());
                assertTrue(points.size() < 9, "a stopped trial ran fewer epochs: " + points.size());
                assertEquals(points.get(points.size() - 1).value(), t.objective(), 1e-9, "its objective is the last value");
                assertEquals(TrialRecord.Outcome.COMPLETED, t.outcome());
            }
            trials.forEach(t -> assertNotNull(t.bracket()));
            var d = service.describe(new DescribeHyperParameterTuningJobRequest("hb"));
            assertEquals(12, d.trainingJobStatusCounters().completed(), "stopped-early trials count as completed");
            assertEquals(0, d.trainingJobStatusCounters().stopped());
            assertEquals(12, d.objectiveStatusCounters().succeeded());
        }
    }

    @Test
    void autoEarlyStoppingStopsTrialsWorseThanTheMedian() throws Exception {
        ObjectNode r = request("median", objectiveScript(tmp), "Random", 12, 1);
        statics(r).put("epochs", "8").put("sleep", "0.2");
        config(r).put("TrainingJobEarlyStoppingType", "Auto");
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            assertEquals("Completed", service.awaitTerminal("median", Duration.ofMinutes(3)).status().name());
            List<TrialRecord> trials = service.trials("median");
            List<TrialRecord> early = trials.stream().filter(TrialRecord::wasStoppedEarly).toList();
            assertTrue(!early.isEmpty(), "no trial was stopped early: " + trials);
            // The rule waits for five finished trials before it judges any.
            assertTrue(early.stream().allMatch(t -> t.index() > 5), early.toString());
            var best = service.describe(new DescribeHyperParameterTuningJobRequest("median")).bestTrainingJob();
            double bestValue = best.finalHyperParameterTuningJobObjectiveMetric().value();
            for (TrialRecord t : early) {
                assertEquals("Stopped", service.trainingJobs().record(t.trainingJobName()).status().name());
                assertTrue(t.objective() > bestValue, "a stopped trial was worse than the best");
            }
        }
    }
}
