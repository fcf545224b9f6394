package dev.kiln.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.algorithm.MetricEmitter;
import dev.kiln.api.training.MetricData;
import dev.kiln.api.training.MetricDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class MetricScraperTest {
    private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    private static final MetricDefinition LOSS = new MetricDefinition("train:loss", "loss=([-+0-9.eE]+)");
    private static final MetricDefinition ACC = new MetricDefinition("validation:accuracy", "(?i)val_acc: ([0-9.]+)");

    @Test
    void findsTheValueAnywhereInTheLine() {
        MetricScraper scraper = new MetricScraper(List.of(LOSS, ACC));
        List<MetricPoint> points = scraper.scrape("[epoch 3] step 120 loss=0.125 lr=0.1", T0);
        assertEquals(List.of(new MetricPoint("train:loss", 0.125, T0)), points);
    }

    @Test
    void readsScientificNotationAndKeepsTheTimeSeries() {
        MetricScraper scraper = new MetricScraper(List.of(LOSS));
        scraper.scrape("loss=1.5e-2", T0);
        scraper.scrape("no metric here", T0.plusSeconds(1));
        scraper.scrape("loss=-3E+2", T0.plusSeconds(2));
        assertEquals(Map.of("train:loss", List.of(
                new MetricPoint("train:loss", 0.015, T0),
                new MetricPoint("train:loss", -300.0, T0.plusSeconds(2)))), scraper.series());
    }

    @Test
    void ignoresCapturesThatAreNotNumbers() {
        MetricScraper scraper = new MetricScraper(List.of(LOSS, new MetricDefinition("m", "m=(\\S*)")));
        assertEquals(List.of(), scraper.scrape("loss=e m=", T0));
        assertEquals(List.of(), scraper.scrape("loss=1.2.3 m=abc", T0));
        assertEquals(List.of(), scraper.finalMetricDataList());
        assertEquals(Map.of(), scraper.series());
    }

    @Test
    void regexWithoutGroupOrWithAnUnusedGroupYieldsNothing() {
        MetricScraper scraper = new MetricScraper(List.of(
                new MetricDefinition("nogroup", "loss=[0-9.]+"),
                new MetricDefinition("optional", "loss=(?:x(\\d+))?")));
        assertEquals(List.of(), scraper.scrape("loss=0.5", T0));
    }

    @Test
    void onlyTheFirstMatchInALineCounts() {
        MetricScraper scraper = new MetricScraper(List.of(LOSS));
        assertEquals(List.of(new MetricPoint("train:loss", 1.0, T0)), scraper.scrape("loss=1 loss=2", T0));
    }

    @Test
    void finalMetricDataListHasTheLastValueOfEachMetricInDefinitionOrder() {
        MetricScraper scraper = new MetricScraper(List.of(LOSS, ACC, new MetricDefinition("never", "never=(\\d+)")));
        scraper.scrape("VAL_ACC: 0.5", T0);
        scraper.scrape("loss=0.9", T0.plusSeconds(1));
        scraper.scrape("loss=0.4 val_acc: 0.75", T0.plusSeconds(2));
        assertEquals(List.of(
                new MetricData("train:loss", 0.4, T0.plusSeconds(2)),
                new MetricData("validation:accuracy", 0.75, T0.plusSeconds(2))), scraper.finalMetricDataList());
    }

    @Test
    void definitionsSharingANameFeedOneSeriesAndTheLaterValueWins() {
        MetricScraper scraper = new MetricScraper(List.of(
                new MetricDefinition("loss", "a=(\\d+)"), new MetricDefinition("loss", "b=(\\d+)")));
        scraper.scrape("b=1 a=2", T0);
        assertEquals(List.of(new MetricData("loss", 1.0, T0)), scraper.finalMetricDataList());
        scraper.scrape("a=3", T0.plusSeconds(1));
        assertEquals(List.of(new MetricData("loss", 3.0, T0.plusSeconds(1))), scraper.finalMetricDataList());
        assertEquals(3, scraper.series().get("loss").size());
    }

    @Test
    void readsTheLineFormatOfInProcessAlgorithms() {
        MetricScraper scraper = new MetricScraper(List.of(MetricEmitter.definitionFor("train:loss")));
        assertEquals(List.of(new MetricPoint("train:loss", 0.25, T0)),
                scraper.scrape(MetricEmitter.line("train:loss", 0.25, 3), T0));
        assertTrue(scraper.scrape(MetricEmitter.line("train:loss", Double.NaN, null), T0).get(0).value() != 0.25);
    }

    @Test
    void scansOnlyTheStartOfVeryLongLines() {
        MetricScraper scraper = new MetricScraper(List.of(LOSS));
        String padding = "x".repeat(MetricScraper.MAX_SCANNED_CHARS - "loss=7".length());
        assertEquals(1, scraper.scrape(padding + "loss=7" + "y".repeat(100_000), T0).size());
        assertEquals(0, scraper.scrape(padding + "yloss=7", T0).size());
    }

    @Test
    void notifiesTheListenerOfEveryNewPoint() {
        List<MetricPoint> seen = Collections.synchronizedList(new ArrayList<>());
        MetricScraper scraper = new MetricScraper(List.of(LOSS, ACC), seen::add);
        scraper.scrape("loss=1 val_acc: 0.5", T0);
        scraper.scrape("nothing", T0);
        assertEquals(List.of(new MetricPoint("train:loss", 1.0, T0), new MetricPoint("validation:accuracy", 0.5, T0)), seen);
    }

    @Test
    void rejectsARegexThatDoesNotCompileNamingTheMetric() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MetricScraper(List.of(new MetricDefinition("bad", "loss=(\\d+"))));
        assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
    }

    @Test
    void concurrentStdoutAndStderrReadersLoseNothing() throws Exception {
        MetricScraper scraper = new MetricScraper(List.of(LOSS, ACC));
        int perThread = 20_000;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> out = pool.submit(() -> {
                start.await();
                for (int k = 0; k < perThread; k++) {
                    scraper.scrape("step " + k + " loss=" + k, T0.plusMillis(k));
                    scraper.scrape("noise line " + k, T0);
                }
                return null;
            });
            Future<?> err = pool.submit(() -> {
                start.await();
                for (int k = 0; k < perThread; k++) {
                    scraper.scrape("WARN val_acc: " + k, T0.plusMillis(k));
                }
                return null;
            });
            start.countDown();
            out.get();
            err.get();
        } finally {
            pool.shutdownNow();
        }
        Map<String, List<MetricPoint>> series = scraper.series();
        assertEquals(perThread, series.get("train:loss").size());
        assertEquals(perThread, series.get("validation:accuracy").size());
        for (int k = 0; k < perThread; k++) {
            assertEquals(k, series.get("train:loss").get(k).value()); // each reader's order is kept
        }
        assertEquals(perThread - 1.0, scraper.finalMetricDataList().get(1).value());
    }

    @Test
    void naiveAndOptimizedAgreeOnARealisticLog() {
        List<MetricDefinition> defs = List.of(LOSS, ACC, MetricEmitter.definitionFor("train:loss"),
                new MetricDefinition("rmse", "validation-rmse:([0-9\\.]+)"),
                new MetricDefinition("epoch-acc", "^Epoch \\d+ .*acc=(\\S+)$"));
        MetricScraper fast = new MetricScraper(defs);
        MetricScraper naive = MetricScraper.naive(defs);
        String[] lines = {"[0]\ttrain-rmse:0.5\tvalidation-rmse:0.61", "Epoch 3 - loss=0.3 acc=0.9",
            "#metric train:loss=0.2 epoch=1", "Val_Acc: 0.33", "INFO nothing to see", "Epoch x acc=1"};
        for (String line : lines) {
            assertEquals(naive.scrape(line, T0), fast.scrape(line, T0), line);
        }
        assertEquals(naive.finalMetricDataList(), fast.finalMetricDataList());
        assertEquals(4, fast.finalMetricDataList().size()); // two definitions share train:loss
    }
}
