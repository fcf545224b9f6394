package dev.kiln.server.cli;

import dev.kiln.api.training.MetricData;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Follows a job with one progress line (status, elapsed time, latest metrics) on stderr: redrawn in
 * place on a terminal, printed on each change (and every 10 s) otherwise.
 */
final class ProgressPrinter {
    private final TrainingJobService service;
    private final String name;
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;

    ProgressPrinter(TrainingJobService service, String name, PrintWriter err) {
        this.service = service;
        this.name = name;
        this.err = err;
    }

    TrainingJobRecord follow(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "";
        Instant lastPrint = Instant.EPOCH;
        TrainingJobRecord r = service.record(name);
        while (true) {
            String line = line(r);
            boolean changed = !line.replaceAll("elapsed [^ ]+", "").equals(last.replaceAll("elapsed [^ ]+", ""));
            if (terminal) {
                err.print("\r\033[K" + line);
                err.flush();
            } else if (changed || Duration.between(lastPrint, Instant.now()).toSeconds() >= 10) {
                err.println(line);
                err.flush();
                lastPrint = Instant.now();
            }
            last = line;
            if (r.isTerminal() || Instant.now().isAfter(deadline)) {
                break;
            }
            Thread.sleep(250);
            r = service.record(name);
        }
        if (terminal) {
            err.println();
        }
        if (r.failureReason() != null) {
            err.println("FailureReason: " + r.failureReason());
        }
        if (r.trainingTimeInSeconds() != null && r.billableTimeInSeconds() != null) {
            int t = r.trainingTimeInSeconds();
            int b = r.billableTimeInSeconds();
            String saving = Boolean.TRUE.equals(r.request().enableManagedSpotTraining()) && t > 0
                    ? String.format(Locale.ROOT, " (managed spot saving %.0f%%)", 100.0 * (1 - (double) b / t)) : "";
            err.println("Training time " + t + " s, billable " + b + " s" + saving
                    + (r.attemptCount() > 1 ? ", " + r.attemptCount() + " attempts" : ""));
        }
        if (r.modelArtifacts() != null && r.isTerminal() && r.status().name().equals("Completed")) {
            err.println("Model: " + r.modelArtifacts());
        }
        err.flush();
        return r;
    }

    private static String line(TrainingJobRecord r) {
        Instant end = r.isTerminal() ? r.lastModifiedTime() : Instant.now();
        long s = Duration.between(r.creationTime(), end).toSeconds();
        String metrics = r.finalMetrics().stream()
                .map(m -> m.metricName() + "=" + format(m))
                .collect(Collectors.joining(" "));
        return String.format(Locale.ROOT, "%s %s/%s elapsed %d:%02d %s", r.name(), r.status(), r.secondaryStatus(),
                s / 60, s % 60, metrics).trim();
    }

    private static String format(MetricData m) {
        return m.value() == null ? "?" : String.format(Locale.ROOT, "%.6g", m.value());
    }
}
