package dev.kiln.hpo.tuning;

import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobResponse;
import dev.kiln.api.tuning.FinalHyperParameterTuningJobObjectiveMetric;
import dev.kiln.api.tuning.HyperParameterTrainingJobSummary;
import dev.kiln.api.tuning.HyperParameterTuningJobCompletionDetails;
import dev.kiln.api.tuning.HyperParameterTuningJobConsumedResources;
import dev.kiln.api.tuning.HyperParameterTuningJobObjective;
import dev.kiln.api.tuning.HyperParameterTuningJobSummary;
import dev.kiln.api.tuning.ObjectiveStatusCounters;
import dev.kiln.api.tuning.TrainingJobStatusCounters;
import dev.kiln.api.tuning.TuningDefinitions;
import dev.kiln.hpo.sampler.Direction;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns stored tuning records into the service's response shapes: counters, summaries, best training jobs. */
final class TuningDescriber {
    private final TrainingJobService training;
    private final TuningStore store;

    TuningDescriber(TrainingJobService training, TuningStore store) {
        this.training = training;
        this.store = store;
    }

    DescribeHyperParameterTuningJobResponse describe(TuningJobRecord j) {
        List<TrialRecord> trials = store.trials(j.name());
        CreateHyperParameterTuningJobRequest r = j.request();
        Optional<HyperParameterTrainingJobSummary> best = best(j, trials);
        HyperParameterTrainingJobSummary overall = null;
        if (r.warmStartConfig() != null && "IdenticalDataAndAlgorithm".equals(r.warmStartConfig().warmStartType())) {
            List<HyperParameterTrainingJobSummary> candidates = new ArrayList<>();
            best.ifPresent(candidates::add);
            for (var p : r.warmStartConfig().parentHyperParameterTuningJobs()) {
                store.find(p.hyperParameterTuningJobName()).flatMap(parent -> best(parent, store.trials(parent.name())))
                        .ifPresent(candidates::add);
            }
            Direction d = direction(j);
            overall = candidates.stream().reduce((a, b) -> d.isBetter(value(b), value(a)) ? b : a).orElse(null);
        }
        return new DescribeHyperParameterTuningJobResponse(j.name(), j.arn(), r.hyperParameterTuningJobConfig(),
                r.trainingJobDefinition(), r.trainingJobDefinitions(), j.status().name(), j.creationTime(), j.endTime(),
                j.lastModifiedTime(), statusCounters(trials), objectiveCounters(trials), best.orElse(null), overall,
                r.warmStartConfig(), r.autotune(), j.failureReason(),
                new HyperParameterTuningJobCompletionDetails(j.notImproving(), j.convergenceDetectedTime()),
                new HyperParameterTuningJobConsumedResources(runtimeSeconds(j)));
    }

    HyperParameterTuningJobSummary summary(TuningJobRecord j) {
        List<TrialRecord> trials = store.trials(j.name());
        return new HyperParameterTuningJobSummary(j.name(), j.arn(), j.status().name(),
                j.request().hyperParameterTuningJobConfig().strategy(), j.creationTime(), j.endTime(), j.lastModifiedTime(),
                statusCounters(trials), objectiveCounters(trials), j.request().hyperParameterTuningJobConfig().resourceLimits());
    }

    /** The trial's summary; empty while its training job does not exist yet. */
    Optional<HyperParameterTrainingJobSummary> summary(TuningJobRecord j, TrialRecord t) {
        if (!training.exists(t.trainingJobName())) {
            return Optional.empty();
        }
        TrainingJobRecord r = training.record(t.trainingJobName());
        HyperParameterTuningJobObjective o = TuningDefinitions.objective(j.request(),
                TuningDefinitions.of(j.request()).get(t.definition()));
        FinalHyperParameterTuningJobObjectiveMetric metric = t.objective() == null ? null
                : new FinalHyperParameterTuningJobObjectiveMetric(o.type(), o.metricName(), t.objective());
        return Optional.of(new HyperParameterTrainingJobSummary(t.definitionName(), r.name(), r.arn(), j.name(),
                r.creationTime(), r.trainingStartTime(), r.trainingEndTime(), r.status().name(), t.tunedHyperParameters(),
                r.failureReason(), metric, t.objectiveStatus()));
    }

    private Optional<HyperParameterTrainingJobSummary> best(TuningJobRecord j, List<TrialRecord> trials) {
        Direction d = direction(j);
        return trials.stream().filter(t -> t.objective() != null)
                .reduce((a, b) -> d.isBetter(b.objective(), a.objective()) ? b : a)
                .flatMap(t -> summary(j, t));
    }

    static TrainingJobStatusCounters statusCounters(List<TrialRecord> trials) {
        int completed = 0, inProgress = 0, retryable = 0, nonRetryable = 0, stopped = 0;
        for (TrialRecord t : trials) {
            if (!t.isEnded()) {
                inProgress++;
                continue;
            }
            switch (t.outcome()) {
                case COMPLETED -> completed++;
                case STOPPED -> stopped++;
                case RETRYABLE_ERROR -> retryable++;
                case NON_RETRYABLE_ERROR -> nonRetryable++;
            }
        }
        return new TrainingJobStatusCounters(completed, inProgress, retryable, nonRetryable, stopped);
    }

    static ObjectiveStatusCounters objectiveCounters(List<TrialRecord> trials) {
        int succeeded = 0, pending = 0, failed = 0;
        for (TrialRecord t : trials) {
            switch (t.objectiveStatus()) {
                case "Succeeded" -> succeeded++;
                case "Failed" -> failed++;
                default -> pending++;
            }
        }
        return new ObjectiveStatusCounters(succeeded, pending, failed);
    }

    static Direction direction(TuningJobRecord j) {
        var r = j.request();
        return Direction.fromWire(TuningDefinitions.objective(r, TuningDefinitions.of(r).get(0)).type());
    }

    private static double value(HyperParameterTrainingJobSummary s) {
        return s.finalHyperParameterTuningJobObjectiveMetric().value();
    }

    private static int runtimeSeconds(TuningJobRecord j) {
        Instant end = j.endTime() != null ? j.endTime() : Instant.now();
        return (int) Math.max(0, Duration.between(j.creationTime(), end).toSeconds());
    }
}
