package dev.kiln.bench.metrics;

import dev.kiln.api.training.MetricDefinition;
import dev.kiln.runtime.metrics.MetricScraper;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scrapes a 200,000-line synthetic training log with 5 and 40 metric definitions, with the naive
 * scraper (every regex on every line) and the optimized one (required-literal prefilter, reused
 * matchers). One operation is one line, so the score is lines per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class MetricScrapingBenchmark {
    static final int LINES = 200_000;

    @Param({"5", "40"})
    public int definitions;

    @Param({"naive", "optimized"})
    public String scraper;

    private String[] lines;
    private List<MetricDefinition> defs;

    @Setup
    public void setUp() {
        lines = SyntheticTrainingLog.lines(LINES, 42);
        defs = SyntheticTrainingLog.definitions(definitions);
        // Both scrapers must find the same points, or the comparison means nothing.
        int naive = scrapeAll(MetricScraper.naive(defs));
        int optimized = scrapeAll(new MetricScraper(defs));
        if (naive != optimized || naive == 0) {
            throw new IllegalStateException("naive found " + naive + " points, optimized " + optimized);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public int scrapeLog() {
        return scrapeAll("naive".equals(scraper) ? MetricScraper.naive(defs) : new MetricScraper(defs));
    }

    private int scrapeAll(MetricScraper s) {
        Instant at = Instant.EPOCH;
        int points = 0;
        for (String line : lines) {
            points += s.scrape(line, at).size();
        }
        return points;
    }
}
