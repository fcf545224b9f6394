package dev.kiln.hpo.tuning;

import static dev.kiln.hpo.tuning.TuningFixtures.categorical;
import static dev.kiln.hpo.tuning.TuningFixtures.config;
import static dev.kiln.hpo.tuning.TuningFixtures.objectiveScript;
import static dev.kiln.hpo.tuning.TuningFixtures.parse;
import static dev.kiln.hpo.tuning.TuningFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.ListTrainingJobsForHyperParameterTuningJobRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm start from parent tuning jobs, several competing training job definitions, and Autotune. */
class WarmStartAndDefinitionsIT {
    @TempDir
    Path tmp;

    private static ObjectNode grid(String name, Path program, String... xs) {
        ObjectNode r = request(name, program, "Grid", 0, 2);
        config(r).putObject("ParameterRanges");
        categorical(r, "x", xs);
        return r;
    }

    private static void warmStart(ObjectNode r, String type, String parent) {
        r.putObject("WarmStartConfig").put("WarmStartType", type)
                .putArray("ParentHyperParameterTuningJobs").addObject().put("HyperParameterTuningJobName", parent);
    }

    @Test
    void warmStartSkipsWhatTheParentTriedAndReportsTheOverallBest() throws Exception {
        Path program = objectiveScript(tmp);
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(grid("parent", program, "0.1", "0.3")), tmp);
            assertEquals("Completed", service.awaitTerminal("parent", Duration.ofMinutes(1)).status().name());

            ObjectNode child = grid("child", program, "0.1", "0.3", "0.9");
            warmStart(child, "IdenticalDataAndAlgorithm", "parent");
            service.create(parse(child), tmp);
            assertEquals("Completed", service.awaitTerminal("child", Duration.ofMinutes(1)).status().name());
            List<TrialRecord> trials = service.trials("child");
            assertEquals(List.of(Map.of("x", "0.9")), trials.stream().map(TrialRecord::tunedHyperParameters).toList(),
                    "the grid skips the combinations the parent already ran");
            var d = service.describe(new DescribeHyperParameterTuningJobRequest("child"));
            assertEquals(Map.of("x", "0.9"), d.bestTrainingJob().tunedHyperParameters());
            assertEquals("parent", d.overallBestTrainingJob().tuningJobName());
            assertEquals(Map.of("x", "0.3"), d.overallBestTrainingJob().tunedHyperParameters());

            ObjectNode transfer = grid("transfer", program, "0.1", "0.5");
            warmStart(transfer, "TransferLearning", "parent");
            service.create(parse(transfer), tmp);
            service.awaitTerminal("transfer", Duration.ofMinutes(1));
            assertEquals(1, service.trials("transfer").size());
            assertNull(service.describe(new DescribeHyperParameterTuningJobRequest("transfer")).overallBestTrainingJob());

            ObjectNode other = grid("other-metric", program, "0.1");
            config(other).putObject("HyperParameterTuningJobObjective").put("Type", "Maximize").put("MetricName", "loss");
            warmStart(other, "TransferLearning", "parent");
            ValidationException e = assertThrows(ValidationException.class, () -> service.create(parse(other), tmp));
            assertTrue(e.getMessage().contains("must be the same as its parents'"), e.getMessage());
        }
    }

    @Test
    void severalDefinitionsCompeteAndTheBetterOneGetsMoreTrials() throws Exception {
        Path program = objectiveScript(tmp);
        ObjectNode r = request("multi", program, "Random", 8, 2);
        ObjectNode k = config(r);
        ObjectNode objective = (ObjectNode) k.remove("HyperParameterTuningJobObjective");
        ObjectNode ranges = (ObjectNode) k.remove("ParameterRanges");
        ObjectNode a = (ObjectNode) r.remove("TrainingJobDefinition");
        a.put("DefinitionName", "good").set("TuningObjective", objective);
        a.set("HyperParameterRanges", ranges);
        ObjectNode b = a.deepCopy().put("DefinitionName", "bad");
        ((ObjectNode) a.get("StaticHyperParameters")).put("kind", "good");
        ((ObjectNode) b.get("StaticHyperParameters")).put("kind", "bad");
        ArrayNode defs = r.putArray("TrainingJobDefinitions");
        defs.add(a).add(b);
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            assertEquals("Completed", service.awaitTerminal("multi", Duration.ofMinutes(2)).status().name());
            List<TrialRecord> trials = service.trials("multi");
            long good = trials.stream().filter(t -> "good".equals(t.definitionName())).count();
            long bad = trials.stream().filter(t -> "bad".equals(t.definitionName())).count();
            assertTrue(bad >= TuningSearch.WARM_UP_TRIALS && good > bad, "good " + good + ", bad " + bad);
            var d = service.describe(new DescribeHyperParameterTuningJobRequest("multi"));
            assertEquals("good", d.bestTrainingJob().trainingJobDefinitionName());
            assertEquals(2, d.trainingJobDefinitions().size());
            var listed = service.listTrainingJobs(new ListTrainingJobsForHyperParameterTuningJobRequest("multi", null, 100,
                    null, "Name", null)).trainingJobSummaries();
            assertEquals(8, listed.size());
            listed.forEach(s -> assertNotNull(s.trainingJobDefinitionName()));
        }
    }

    @Test
    void autotuneRangesTheHintsAndFillsTheLimits() throws Exception {
        Path program = objectiveScript(tmp);
        ObjectNode r = request("auto", program, "Bayesian", 0, 5);
        ObjectNode ranges = (ObjectNode) config(r).get("ParameterRanges");
        ranges.remove("ContinuousParameterRanges");
        ranges.putArray("AutoParameters").addObject().put("Name", "x").put("ValueHint", "0.5");
        r.putObject("Autotune").put("Mode", "Enabled");
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            assertEquals("Completed", service.awaitTerminal("auto", Duration.ofMinutes(3)).status().name());
            var d = service.describe(new DescribeHyperParameterTuningJobRequest("auto"));
            var x = d.hyperParameterTuningJobConfig().parameterRanges().continuousParameterRanges().get(0);
            assertEquals(List.of("x", "0.05", "0.95"), List.of(x.name(), x.minValue(), x.maxValue()));
            assertEquals(20, d.hyperParameterTuningJobConfig().resourceLimits().maxNumberOfTrainingJobs());
            assertEquals("Auto", d.hyperParameterTuningJobConfig().trainingJobEarlyStoppingType());
            assertEquals("Enabled", d.autotune().mode());
            assertTrue(service.trials("auto").size() <= 20);
        }
    }
}
