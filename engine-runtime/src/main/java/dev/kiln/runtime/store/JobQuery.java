package dev.kiln.runtime.store;

import java.time.Instant;
import java.util.List;

/** Filters, order and page of a job listing. */
public record JobQuery(
        String statusEquals,
        String nameContains,
        Instant creationTimeAfter,
        Instant creationTimeBefore,
        Instant lastModifiedTimeAfter,
        Instant lastModifiedTimeBefore,
        String tuningJobArn,
        List<String> statuses,
        SortBy sortBy,
        boolean ascending,
        int offset,
        int limit) {

    public enum SortBy { NAME, CREATION_TIME, STATUS }

    public static JobQuery all() {
        return new JobQuery(null, null, null, null, null, null, null, List.of(), SortBy.CREATION_TIME, true, 0, Integer.MAX_VALUE);
    }

    public JobQuery withStatuses(List<String> s) {
        return new JobQuery(statusEquals, nameContains, creationTimeAfter, creationTimeBefore, lastModifiedTimeAfter,
                lastModifiedTimeBefore, tuningJobArn, s, sortBy, ascending, offset, limit);
    }

}
