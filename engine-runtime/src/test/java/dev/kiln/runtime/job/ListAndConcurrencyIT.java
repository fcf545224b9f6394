package dev.kiln.runtime.job;

import static dev.kiln.runtime.testing.TestJobs.request;
import static dev.kiln.runtime.testing.TestJobs.script;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.ListTrainingJobsRequest;
import dev.kiln.api.training.ListTrainingJobsResponse;
import dev.kiln.api.training.TrainingJobSummary;
import dev.kiln.runtime.testing.TestJobs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListTrainingJobs filters, sorting and paging, over jobs that ran concurrently. */
class ListAndConcurrencyIT {
    @TempDir
    Path tmp;

    @Test
    void concurrentJobsAllFinishAndListPagesThroughThem() throws Exception {
        Path ok = script(tmp, "ok", "sleep 0.3; echo done");
        Path bad = script(tmp, "bad", "exit 1");
        try (var service = TestJobs.service(tmp.resolve("home"))) {
            for (int i = 0; i < 6; i++) {
                service.create(toRequest(request("ok-" + i, ok)), tmp);
            }
            service.create(toRequest(request("bad-0", bad)), tmp);
            for (String n : List.of("ok-0", "ok-1", "ok-2", "ok-3", "ok-4", "ok-5", "bad-0")) {
                service.awaitTerminal(n, Duration.ofSeconds(60));
            }
            assertEquals(6, list(service, req(null, 100, null, "Completed", null, null)).size());
            assertEquals(List.of("bad-0"), names(list(service, req(null, 100, null, "Failed", null, null))));
            assertEquals(6, list(service, req(null, 100, "OK-", null, null, null)).size(), "NameContains ignores case");

            List<String> byName = names(list(service, req(null, 100, null, null, "Name", "Descending")));
            assertEquals(List.of("ok-5", "ok-4", "ok-3", "ok-2", "ok-1", "ok-0", "bad-0"), byName);

            List<String> paged = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                ListTrainingJobsResponse page = service.list(req(token, 3, null, null, "Name", "Ascending"));
                paged.addAll(names(page.trainingJobSummaries()));
                token = page.nextToken();
                pages++;
            } while (token != null);
            assertEquals(3, pages);
            assertEquals(List.of("bad-0", "ok-0", "ok-1", "ok-2", "ok-3", "ok-4", "ok-5"), paged);

            ListTrainingJobsResponse first = service.list(req(null, 3, null, null, "Name", "Ascending"));
            assertNotNull(first.nextToken());
            String t = first.nextToken();
            assertThrows(ValidationException.class, () -> service.list(req(t, 3, null, "Failed", "Name", "Ascending")),
                    "a token from another query is refused");
            TrainingJobSummary s = first.trainingJobSummaries().get(0);
            assertNotNull(s.creationTime());
            assertNotNull(s.trainingEndTime());
            assertNull(service.list(req(null, 100, null, null, null, null)).nextToken());
        }
    }

    private static ListTrainingJobsRequest req(String token, Integer max, String nameContains, String status, String sortBy,
            String sortOrder) {
        return new ListTrainingJobsRequest(token, max, null, null, null, null, nameContains, status, sortBy, sortOrder, null, null);
    }

    private static List<TrainingJobSummary> list(TrainingJobService s, ListTrainingJobsRequest r) {
        return s.list(r).trainingJobSummaries();
    }

    private static List<String> names(List<TrainingJobSummary> l) {
        return l.stream().map(TrainingJobSummary::trainingJobName).toList();
    }
}
