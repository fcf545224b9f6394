package dev.kiln.hpo.tuning;

import dev.kiln.hpo.pruner.Decision;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.store.MetricRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Rebuilds a tuning job's search after a restart from what the store kept: every recorded trial is
 * adopted back in launch order (so replayable strategies hand out the same configurations again),
 * then the trials' objective values per epoch and their ends are fed in the order they happened, so
 * the median rule, Hyperband's rungs, the sampler and the completion criteria reach the state they had.
 * Decisions replayed for trials that already ended are facts of the past and are ignored; a running
 * trial that should have been stopped is stopped now.
 */
final class Resume {
    private Resume() {}

    private record Event(Instant at, int order, TrialRecord trial, int epoch, double value) {}

    static void replay(TuningOrchestrator o, TuningSearch search, CompletionTracker tracker, List<TrialRecord> trials) {
        for (TrialRecord t : trials) {
            search.definition(t.definition()).adopt(t.index(), t.tunedHyperParameters());
            search.launched(t.definition());
        }
        List<Event> events = new ArrayList<>();
        for (TrialRecord t : trials) {
            boolean exists = o.training().exists(t.trainingJobName());
            if (exists && search.definition(t.definition()).usesIntermediateValues()) {
                List<MetricRow> rows = rows(o.training(), t.trainingJobName(), o.objectiveMetric(t.definition()));
                for (int k = 0; k < rows.size(); k++) {
                    events.add(new Event(Instant.ofEpochMilli(rows.get(k).timestampMillis()), 0, t, k + 1, rows.get(k).value()));
                }
            }
            if (t.isEnded()) {
                events.add(new Event(t.endTime(), 1, t, 0, 0));
            }
        }
        events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::order));
        Map<Integer, Integer> points = new HashMap<>();
        Set<Integer> stop = new HashSet<>();
        for (Event e : events) {
            TrialRecord t = e.trial();
            DefinitionSearch s = search.definition(t.definition());
            if (e.order() == 0) {
                points.merge(t.index(), 1, Integer::sum);
                if (s.observe(t.index(), e.epoch(), e.value()) == Decision.STOP && !t.isEnded()) {
                    stop.add(t.index());
                }
            } else {
                s.finish(t.index(), t.objective() == null ? OptionalDouble.empty() : OptionalDouble.of(t.objective()));
                if (t.objective() != null) {
                    search.result(t.definition(), t.objective());
                    tracker.record(t.objective(), t.endTime());
                }
            }
        }
        for (TrialRecord t : trials) {
            if (!t.isEnded()) {
                o.markSeen(t.index(), points.getOrDefault(t.index(), 0));
                if (stop.contains(t.index()) || t.wasStoppedEarly()) {
                    o.requestEarlyStop(t.index());
                }
            }
        }
    }

    /** The objective metric's values of a training job in the order reported: value k is epoch k's. */
    static List<Double> series(TrainingJobService training, String job, String metric) {
        return rows(training, job, metric).stream().map(MetricRow::value).toList();
    }

    private static List<MetricRow> rows(TrainingJobService training, String job, String metric) {
        return training.metrics(job).stream().filter(r -> metric.equals(r.name())).toList();
    }
}
