package dev.kiln.runtime.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.error.ResourceInUseException;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.MetricData;
import dev.kiln.api.training.SecondaryStatus;
import dev.kiln.api.training.TrainingJobStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStoreTest {
    @TempDir
    Path tmp;

    static TrainingJobRecord job(String name) {
        CreateTrainingJobRequest req = new CreateTrainingJobRequest(name, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
        Instant now = Instant.now();
        return TrainingJobRecord.created(name, "arn:" + name, req, "/", now, null, null, List.of());
    }

    @Test
    void recordsSurviveReopeningAndNamesAreUniqueIgnoringCase() {
        Path db = tmp.resolve("kiln.db");
        try (JobStore s = JobStore.open(db)) {
            s.insert(job("Alpha"));
            assertThrows(ResourceInUseException.class, () -> s.insert(job("alpha")));
        }
        try (JobStore s = JobStore.open(db)) {
            assertEquals("Alpha", s.find("Alpha").orElseThrow().name());
            assertEquals("Alpha", s.find("ALPHA").orElseThrow().name());
            assertTrue(s.find("beta").isEmpty());
        }
    }

    @Test
    void concurrentUpdatesFromTwoConnectionsLoseNothing() throws Exception {
        Path db = tmp.resolve("kiln.db");
        try (JobStore a = JobStore.open(db); JobStore b = JobStore.open(db)) {
            a.insert(job("counter"));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                JobStore s = i % 2 == 0 ? a : b;
                futures.add(pool.submit(() -> s.update("counter", r -> {
                    double n = r.finalMetrics().isEmpty() ? 0 : r.finalMetrics().get(0).value();
                    return r.withFinalMetrics(List.of(new MetricData("n", n + 1, Instant.now())));
                })));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(200.0, b.find("counter").orElseThrow().finalMetrics().get(0).value());
        }
    }

    @Test
    void metricSeriesKeepsOrder() {
        try (JobStore s = JobStore.open(tmp.resolve("kiln.db"))) {
            s.insert(job("m"));
            s.appendMetrics("m", List.of(new MetricRow("loss", 1, 0.5), new MetricRow("loss", 2, 0.25)));
            s.appendMetrics("m", List.of(new MetricRow("acc", 3, 0.9)));
            assertEquals(List.of(0.5, 0.25, 0.9), s.metrics("m").stream().map(MetricRow::value).toList());
        }
    }
}
