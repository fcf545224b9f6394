package dev.kiln.runtime.algorithm;

import dev.kiln.api.algorithm.MetricEmitter;
import java.io.PrintStream;

/** Writes metric lines to the job log, where the scraper reads them like any other output. */
final class PrintingMetricEmitter implements MetricEmitter {
    private final PrintStream log;

    PrintingMetricEmitter(PrintStream log) {
        this.log = log;
    }

    @Override
    public void emit(String name, double value) {
        log.println(MetricEmitter.line(name, value, null));
    }

    @Override
    public void emit(String name, double value, int epoch) {
        log.println(MetricEmitter.line(name, value, epoch));
    }
}
