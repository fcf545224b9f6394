package dev.kiln.hpo.tuning;

import static dev.kiln.hpo.tuning.TuningFixtures.config;
import static dev.kiln.hpo.tuning.TuningFixtures.objectiveScript;
import static dev.kiln.hpo.tuning.TuningFixtures.parse;
import static dev.kiln.hpo.tuning.TuningFixtures.request;
import static dev.kiln.hpo.tuning.TuningFixtures.statics;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.StopHyperParameterTuningJobRequest;
import dev.kiln.runtime.store.ProcessRef;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop, completion criteria, and Bayesian search with parallel trials. */
class TuningLifecycleIT {
    @TempDir
    Path tmp;

    @Test
    void stopStopsTheRunningTrialsAndLeavesNoProcess() throws Exception {
        ObjectNode r = request("stopped", objectiveScript(tmp), "Random", 10, 2);
        statics(r).put("epochs", "200").put("sleep", "0.2");
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            List<ProcessRef> processes = awaitRunningProcesses(service, "stopped", 2);
            service.stop(new StopHyperParameterTuningJobRequest("stopped"));
            assertEquals("Stopping", service.record("stopped").status().name());
            assertEquals("Stopped", service.awaitTerminal("stopped", Duration.ofMinutes(1)).status().name());
            var d = service.describe(new DescribeHyperParameterTuningJobRequest("stopped"));
            assertEquals(2, d.trainingJobStatusCounters().stopped());
            assertEquals(0, d.trainingJobStatusCounters().inProgress());
            for (ProcessRef p : processes) {
                assertTrue(!p.isAlive(), "process " + p.pid() + " survived the stop");
            }
            service.trials("stopped").forEach(t -> assertEquals("Stopped",
                    service.trainingJobs().record(t.trainingJobName()).status().name()));
            assertThrows(ValidationException.class, () -> service.stop(new StopHyperParameterTuningJobRequest("stopped")));
        }
    }

    @Test
    void maxRuntimeCompletesTheTuningJobAndStopsItsTrials() throws Exception {
        ObjectNode r = request("deadline", objectiveScript(tmp), "Random", 10, 2);
        statics(r).put("epochs", "200").put("sleep", "0.2");
        config(r).with("ResourceLimits").put("MaxRuntimeInSeconds", 120);
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            awaitRunningProcesses(service, "deadline", 2);
            // As if the job had been running for 200 s: its 120 s are up.
            new TuningStore(service.trainingJobs().store()).update("deadline",
                    j -> j.withCreationTime(j.creationTime().minusSeconds(200)));
            TuningJobRecord end = service.awaitTerminal("deadline", Duration.ofMinutes(1));
            assertEquals("Completed", end.status().name());
            assertEquals("MaxRuntimeInSeconds reached", end.completionReason());
            var d = service.describe(new DescribeHyperParameterTuningJobRequest("deadline"));
            assertEquals(2, d.trainingJobStatusCounters().stopped());
            assertTrue(d.consumedResources().runtimeInSeconds() >= 200);
        }
    }

    @Test
    void targetObjectiveValueCompletesTheTuningJobEarly() throws Exception {
        ObjectNode r = request("target", objectiveScript(tmp), "Random", 30, 1);
        config(r).putObject("TuningJobCompletionCriteria").put("TargetObjectiveMetricValue", 0.05);
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            TuningJobRecord end = service.awaitTerminal("target", Duration.ofMinutes(2));
            assertEquals("Completed", end.status().name());
            assertTrue(end.completionReason().startsWith("TargetObjectiveMetricValue"), end.completionReason());
            List<TrialRecord> trials = service.trials("target");
            assertTrue(trials.size() < 30, "stopped launching at the target");
            assertTrue(trials.get(trials.size() - 1).objective() <= 0.05, "the last trial reached the target");
            assertTrue(trials.subList(0, trials.size() - 1).stream().allMatch(t -> t.objective() > 0.05));
        }
    }

    @Test
    void bestObjectiveNotImprovingCompletesTheTuningJob() throws Exception {
        ObjectNode r = request("plateau", objectiveScript(tmp), "Random", 40, 1);
        config(r).putObject("TuningJobCompletionCriteria").putObject("BestObjectiveNotImproving")
                .put("MaxNumberOfTrainingJobsNotImproving", 3);
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            TuningJobRecord end = service.awaitTerminal("plateau", Duration.ofMinutes(2));
            assertEquals("Completed", end.status().name());
            var d = service.describe(new DescribeHyperParameterTuningJobRequest("plateau"));
            assertEquals(3, d.tuningJobCompletionDetails().numberOfTrainingJobsObjectiveNotImproving());
            List<TrialRecord> trials = service.trials("plateau");
            assertTrue(trials.size() < 40);
            // The last three trials improved on the best before them by 1% or less.
            double best = trials.subList(0, trials.size() - 3).stream().mapToDouble(TrialRecord::objective).min().orElseThrow();
            for (TrialRecord t : trials.subList(trials.size() - 3, trials.size())) {
                assertTrue(best - t.objective() <= 0.01 * Math.abs(best), t + " improved on " + best);
                best = Math.min(best, t.objective());
            }
        }
    }

    @Test
    void bayesianWithParallelTrialsDoesNotRepeatItselfAndFindsTheMinimum() throws Exception {
        ObjectNode r = request("bayes", objectiveScript(tmp), "Bayesian", 12, 3);
        try (TuningJobService service = TuningFixtures.service(tmp.resolve("home"))) {
            service.create(parse(r), tmp);
            assertEquals("Completed", service.awaitTerminal("bayes", Duration.ofMinutes(3)).status().name());
            Set<String> xs = new HashSet<>();
            service.trials("bayes").forEach(t -> assertTrue(xs.add(t.tunedHyperParameters().get("x")), "repeated " + t));
            double bestX = Double.parseDouble(service.describe(new DescribeHyperParameterTuningJobRequest("bayes"))
                    .bestTrainingJob().tunedHyperParameters().get("x"));
            assertEquals(0.3, bestX, 0.1);
        }
    }

    static List<ProcessRef> awaitRunningProcesses(TuningJobService service, String name, int count) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<ProcessRef> refs = new ArrayList<>();
            for (TrialRecord t : service.trials(name)) {
                if (service.trainingJobs().exists(t.trainingJobName())) {
                    TrainingJobRecord job = service.trainingJobs().record(t.trainingJobName());
                    if (job.process() != null && !job.isTerminal()) {
                        refs.add(job.process());
                    }
                }
            }
            if (refs.size() >= count) {
                return refs;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("trials never started: " + service.trials(name));
    }
}
