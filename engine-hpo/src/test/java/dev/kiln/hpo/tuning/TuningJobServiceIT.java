package dev.kiln.hpo.tuning;

import static dev.kiln.hpo.tuning.TuningFixtures.categorical;
import static dev.kiln.hpo.tuning.TuningFixtures.objectiveScript;
import static dev.kiln.hpo.tuning.TuningFixtures.parse;
import static dev.kiln.hpo.tuning.TuningFixtures.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.error.ResourceInUseException;
import dev.kiln.api.error.ResourceNotFoundException;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.ListTrainingJobsRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobResponse;
import dev.kiln.api.tuning.HyperParameterTrainingJobSummary;
import dev.kiln.api.tuning.ListHyperParameterTuningJobsRequest;
import dev.kiln.api.tuning.ListTrainingJobsForHyperParameterTuningJobRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tuning jobs end to end through the training runtime, with a cheap script as the training program. */
class TuningJobServiceIT {
    @TempDir
    Path tmp;

    @Test
    void randomSearchRunsItsTrialsAsTrainingJobsAndReportsTheBest() throws Exception {
        Path program = objectiveScript(tmp);
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            String arn = service.create(parse(request("rand", program, "Random", 6, 3)), tmp).hyperParameterTuningJobArn();
            assertEquals("arn:aws:sagemaker:us-east-1:000000000000:hyper-parameter-tuning-job/rand", arn);
            assertEquals("Completed", service.awaitTerminal("rand", Duration.ofMinutes(2)).status().name());

            DescribeHyperParameterTuningJobResponse d = service.describe(new DescribeHyperParameterTuningJobRequest("rand"));
            assertEquals(6, d.trainingJobStatusCounters().completed());
            assertEquals(0, d.trainingJobStatusCounters().inProgress());
            assertEquals(6, d.objectiveStatusCounters().succeeded());
            assertNotNull(d.hyperParameterTuningEndTime());
            List<TrialRecord> trials = service.trials("rand");
            double best = trials.stream().mapToDouble(TrialRecord::objective).min().orElseThrow();
            assertEquals(best, d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric().value());
            assertEquals("loss", d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric().metricName());

            var training = service.trainingJobs();
            for (TrialRecord t : trials) {
                assertTrue(t.trainingJobName().matches("rand-\\d{3}-[0-9a-f]{8}"), t.trainingJobName());
                var job = training.describe(new DescribeTrainingJobRequest(t.trainingJobName()));
                assertEquals(arn, job.tuningJobArn());
                assertEquals("3", job.hyperParameters().get("epochs"));
                assertEquals("loss", job.hyperParameters().get("_tuning_objective_metric"));
                assertEquals(t.tunedHyperParameters().get("x"), job.hyperParameters().get("x"));
                // The final objective is the last epoch's value: ((x-0.3)^2) * (1 + 1/3).
                double x = Double.parseDouble(t.tunedHyperParameters().get("x"));
                assertEquals((x - 0.3) * (x - 0.3) * 4 / 3, t.objective(), 1e-5);
                assertEquals(List.of("team"), training.record(t.trainingJobName()).request().tags().stream()
                        .map(dev.kiln.api.common.Tag::key).toList());
            }
            var listed = training.list(new ListTrainingJobsRequest(null, 100, null, null, null, null, "rand", null, null,
                    null, null, null));
            assertEquals(6, listed.trainingJobSummaries().size(), "the trials appear in ListTrainingJobs");

            var byObjective = service.listTrainingJobs(new ListTrainingJobsForHyperParameterTuningJobRequest("rand", null, 4,
                    null, "FinalObjectiveMetricValue", "Ascending"));
            assertEquals(4, byObjective.trainingJobSummaries().size());
            assertEquals(d.bestTrainingJob().trainingJobName(), byObjective.trainingJobSummaries().get(0).trainingJobName());
            var rest = service.listTrainingJobs(new ListTrainingJobsForHyperParameterTuningJobRequest("rand",
                    byObjective.nextToken(), 4, null, "FinalObjectiveMetricValue", "Ascending"));
            assertEquals(2, rest.trainingJobSummaries().size());
            List<Double> values = new java.util.ArrayList<>(byObjective.trainingJobSummaries().stream()
                    .map(s -> s.finalHyperParameterTuningJobObjectiveMetric().value()).toList());
            rest.trainingJobSummaries().forEach(s -> values.add(s.finalHyperParameterTuningJobObjectiveMetric().value()));
            assertEquals(values.stream().sorted().toList(), values);

            Path report = service.reportFile("rand");
            String html = Files.readString(report);
            assertTrue(html.contains("<svg") && html.contains(d.bestTrainingJob().trainingJobName()));
            assertTrue(!html.contains("http://") && !html.contains("https://"), "the report loads nothing from the network");

            var summaries = service.list(new ListHyperParameterTuningJobsRequest(null, null, null, null, null, null, null,
                    null, null, null)).hyperParameterTuningJobSummaries();
            assertEquals(1, summaries.size());
            assertEquals("Random", summaries.get(0).strategy());
            assertEquals(6, summaries.get(0).trainingJobStatusCounters().completed());
        }
    }

    @Test
    void sameSeedGivesTheSameRandomConfigurations() throws Exception {
        Path program = objectiveScript(tmp);
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(request("seed-a", program, "Random", 3, 3)), tmp);
            service.create(parse(request("seed-b", program, "Random", 3, 3)), tmp);
            service.awaitTerminal("seed-a", Duration.ofMinutes(2));
            service.awaitTerminal("seed-b", Duration.ofMinutes(2));
            assertEquals(service.trials("seed-a").stream().map(TrialRecord::tunedHyperParameters).toList(),
                    service.trials("seed-b").stream().map(TrialRecord::tunedHyperParameters).toList());
        }
    }

    @Test
    void gridRunsEveryCombinationOnce() throws Exception {
        Path program = objectiveScript(tmp);
        ObjectNode r = request("grid", program, "Grid", 0, 2);
        TuningFixtures.config(r).remove("ParameterRanges");
        TuningFixtures.config(r).putObject("ParameterRanges");
        categorical(r, "x", "0.1", "0.3", "0.9");
        categorical(r, "kind", "good", "bad");
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            assertEquals("Completed", service.awaitTerminal("grid", Duration.ofMinutes(2)).status().name());
            Set<Map<String, String>> seen = new HashSet<>();
            service.trials("grid").forEach(t -> assertTrue(seen.add(t.tunedHyperParameters()), "repeated " + t));
            assertEquals(6, seen.size());
            HyperParameterTrainingJobSummary best = service.describe(new DescribeHyperParameterTuningJobRequest("grid"))
                    .bestTrainingJob();
            assertEquals(Map.of("x", "0.3", "kind", "good"), best.tunedHyperParameters());
        }
    }

    @Test
    void failedTrialsAreClassifiedAndCounted() throws Exception {
        Path program = objectiveScript(tmp);
        ObjectNode r = request("failing", program, "Grid", 0, 2);
        TuningFixtures.config(r).putObject("ParameterRanges");
        categorical(r, "kind", "good", "crash");
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            service.awaitTerminal("failing", Duration.ofMinutes(2));
            var d = service.describe(new DescribeHyperParameterTuningJobRequest("failing"));
            assertEquals("Completed", d.hyperParameterTuningJobStatus());
            assertEquals(1, d.trainingJobStatusCounters().completed());
            assertEquals(1, d.trainingJobStatusCounters().nonRetryableError());
            assertEquals(1, d.objectiveStatusCounters().failed());
            var failed = service.listTrainingJobs(new ListTrainingJobsForHyperParameterTuningJobRequest("failing", null, null,
                    "Failed", null, null)).trainingJobSummaries();
            assertEquals(1, failed.size());
            assertTrue(failed.get(0).failureReason().startsWith("AlgorithmError: diverged"), failed.get(0).failureReason());
            assertEquals("Failed", failed.get(0).objectiveStatus());
        }
    }

    @Test
    void everyTrialFailingFailsTheTuningJob() throws Exception {
        Path program = objectiveScript(tmp);
        ObjectNode r = request("all-fail", program, "Random", 2, 2);
        TuningFixtures.statics(r).put("kind", "crash");
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            TuningJobRecord end = service.awaitTerminal("all-fail", Duration.ofMinutes(2));
            assertEquals("Failed", end.status().name());
            assertTrue(end.failureReason().startsWith("All training jobs failed. Last failure: AlgorithmError"),
                    end.failureReason());
        }
    }

    @Test
    void requestsTheServiceWouldRefuseAreRefusedBeforeAnythingRuns() throws Exception {
        Path program = objectiveScript(tmp);
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            ObjectNode missing = request("missing-program", tmp.resolve("nope"), "Random", 2, 1);
            assertThrows(ValidationException.class, () -> service.create(parse(missing), tmp));
            assertThrows(ResourceNotFoundException.class,
                    () -> service.describe(new DescribeHyperParameterTuningJobRequest("missing-program")));

            ObjectNode warm = request("orphan-warm", program, "Random", 2, 1);
            warm.putObject("WarmStartConfig").put("WarmStartType", "TransferLearning")
                    .putArray("ParentHyperParameterTuningJobs").addObject().put("HyperParameterTuningJobName", "nobody");
            assertThrows(ResourceNotFoundException.class, () -> service.create(parse(warm), tmp));

            service.create(parse(request("twice", program, "Random", 1, 1)), tmp);
            assertThrows(ResourceInUseException.class, () -> service.create(parse(request("TWICE", program, "Random", 1, 1)), tmp));
            service.awaitTerminal("twice", Duration.ofMinutes(1));
        }
    }

}
