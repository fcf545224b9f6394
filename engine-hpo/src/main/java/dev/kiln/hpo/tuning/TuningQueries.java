package dev.kiln.hpo.tuning;

import dev.kiln.api.tuning.HyperParameterTrainingJobSummary;
import dev.kiln.api.tuning.HyperParameterTuningJobSummary;
import dev.kiln.api.tuning.ListHyperParameterTuningJobsRequest;
import dev.kiln.api.tuning.ListHyperParameterTuningJobsResponse;
import dev.kiln.api.tuning.ListTrainingJobsForHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.ListTrainingJobsForHyperParameterTuningJobResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The two list operations: tuning jobs (filtered, sorted and paged in SQL) and a tuning job's training
 * jobs (at most a few hundred, sorted in memory). As in the service, the default order is Name
 * ascending, and SortBy FinalObjectiveMetricValue leaves out training jobs without an objective value.
 */
final class TuningQueries {
    private static final int DEFAULT_MAX_RESULTS = 10;

    private final TuningStore store;
    private final TuningDescriber describer;

    TuningQueries(TuningStore store, TuningDescriber describer) {
        this.store = store;
        this.describer = describer;
    }

    ListHyperParameterTuningJobsResponse list(ListHyperParameterTuningJobsRequest r) {
        ListHyperParameterTuningJobsRequest q = r != null ? r
                : new ListHyperParameterTuningJobsRequest(null, null, null, null, null, null, null, null, null, null);
        int limit = q.maxResults() == null ? DEFAULT_MAX_RESULTS : q.maxResults();
        String column = switch (q.sortBy() == null ? "CreationTime" : q.sortBy()) {
            case "Name" -> "name";
            case "Status" -> "status";
            default -> "creation_time";
        };
        boolean ascending = !"Descending".equals(q.sortOrder());
        String signature = String.join("|", String.valueOf(q.statusEquals()), String.valueOf(q.nameContains()),
                String.valueOf(q.creationTimeAfter()), String.valueOf(q.creationTimeBefore()),
                String.valueOf(q.lastModifiedTimeAfter()), String.valueOf(q.lastModifiedTimeBefore()), column,
                Boolean.toString(ascending));
        int offset = PageTokens.decode(q.nextToken(), signature);
        // One row more than the page tells whether another page exists.
        List<TuningJobRecord> rows = store.query(new TuningStore.JobFilter(q.statusEquals(), q.nameContains(),
                q.creationTimeAfter(), q.creationTimeBefore(), q.lastModifiedTimeAfter(), q.lastModifiedTimeBefore(), column,
                ascending, offset, limit + 1));
        List<HyperParameterTuningJobSummary> page = rows.stream().limit(limit).map(describer::summary).toList();
        return new ListHyperParameterTuningJobsResponse(page,
                rows.size() > limit ? PageTokens.encode(offset + limit, signature) : null);
    }

    ListTrainingJobsForHyperParameterTuningJobResponse trainingJobs(TuningJobRecord job,
            ListTrainingJobsForHyperParameterTuningJobRequest r) {
        String sortBy = r.sortBy() == null ? "Name" : r.sortBy();
        boolean byObjective = "FinalObjectiveMetricValue".equals(sortBy);
        boolean ascending = !"Descending".equals(r.sortOrder());
        List<HyperParameterTrainingJobSummary> all = new ArrayList<>();
        for (TrialRecord t : store.trials(job.name())) {
            Optional<HyperParameterTrainingJobSummary> s = describer.summary(job, t);
            if (s.isEmpty() || (r.statusEquals() != null && !r.statusEquals().equals(s.get().trainingJobStatus()))) {
                continue;
            }
            if (byObjective && s.get().finalHyperParameterTuningJobObjectiveMetric() == null) {
                continue;
            }
            all.add(s.get());
        }
        Comparator<HyperParameterTrainingJobSummary> order = switch (sortBy) {
            case "CreationTime" -> Comparator.comparing(HyperParameterTrainingJobSummary::creationTime);
            case "Status" -> Comparator.comparing(HyperParameterTrainingJobSummary::trainingJobStatus);
            case "FinalObjectiveMetricValue" -> Comparator.comparingDouble(
                    (HyperParameterTrainingJobSummary s) -> s.finalHyperParameterTuningJobObjectiveMetric().value());
            default -> Comparator.comparing(HyperParameterTrainingJobSummary::trainingJobName);
        };
        order = order.thenComparing(HyperParameterTrainingJobSummary::trainingJobName);
        all.sort(ascending ? order : order.reversed());
        int limit = r.maxResults() == null ? DEFAULT_MAX_RESULTS : r.maxResults();
        String signature = String.join("|", job.name(), String.valueOf(r.statusEquals()), sortBy, Boolean.toString(ascending));
        int offset = Math.min(PageTokens.decode(r.nextToken(), signature), all.size());
        List<HyperParameterTrainingJobSummary> page = all.subList(offset, Math.min(all.size(), offset + limit));
        String next = offset + limit < all.size() ? PageTokens.encode(offset + limit, signature) : null;
        return new ListTrainingJobsForHyperParameterTuningJobResponse(List.copyOf(page), next);
    }
}
