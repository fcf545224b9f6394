package dev.kiln.server.tuning;

import dev.kiln.hpo.tuning.TrialRecord;
import dev.kiln.hpo.tuning.TuningJobRecord;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.job.TrainingJobService;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Follows a tuning job with a table of its trials on stderr (training job, tuned values, objective,
 * status). On a terminal the table is redrawn in place; otherwise each trial's line is printed when
 * it changes, so logs and pipes get a readable history.
 */
public final class TrialTable {
    private final TuningJobService service;
    private final String name;
    private final PrintWriter err;
    private final boolean terminal;
    private final Map<Integer, String> printed = new HashMap<>();
    private int drawnLines;

    public TrialTable(TuningJobService service, String name, PrintWriter err, boolean terminal) {
        this.service = service;
        this.name = name;
        this.err = err;
        this.terminal = terminal;
    }

    /** Follows the tuning job until it ends or the timeout passes; returns its last record. */
    public TuningJobRecord follow(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String lastHeader = "";
        while (true) {
            TuningJobRecord job = service.record(name);
            List<TrialRecord> trials = service.trials(name);
            List<String> rows = new ArrayList<>();
            for (TrialRecord t : trials) {
                rows.add(row(t, service.trainingJobs()));
            }
            String header = header(job, trials);
            if (terminal) {
                redraw(header, rows);
            } else {
                if (!header.equals(lastHeader)) {
                    err.println(header);
                }
                for (int i = 0; i < rows.size(); i++) {
                    if (!rows.get(i).equals(printed.get(i))) {
                        err.println(rows.get(i));
                        printed.put(i, rows.get(i));
                    }
                }
            }
            lastHeader = header;
            err.flush();
            if (job.isTerminal() || Instant.now().isAfter(deadline)) {
                return job;
            }
            Thread.sleep(500);
        }
    }

    private void redraw(String header, List<String> rows) {
        StringBuilder s = new StringBuilder();
        if (drawnLines > 0) {
            s.append("\033[").append(drawnLines).append("A\r\033[J");
        }
        s.append(header).append('\n');
        rows.forEach(r -> s.append(r).append('\n'));
        err.print(s);
        drawnLines = rows.size() + 1;
    }

    static String header(TuningJobRecord job, List<TrialRecord> trials) {
        long running = trials.stream().filter(t -> !t.isEnded()).count();
        Integer max = job.request().hyperParameterTuningJobConfig().resourceLimits().maxNumberOfTrainingJobs();
        String best = trials.stream().filter(t -> t.objective() != null).map(TrialRecord::objective)
                .reduce((a, b) -> better(job, b, a) ? b : a).map(TrialTable::number).orElse("-");
        return String.format(Locale.ROOT, "%s %s: %d of %s trials, %d running, best objective %s", job.name(), job.status(),
                trials.size(), max == null ? "?" : max.toString(), running, best);
    }

    static String row(TrialRecord t, TrainingJobService training) {
        String status = training.exists(t.trainingJobName()) ? training.record(t.trainingJobName()).status().name() : "Starting";
        if (t.wasStoppedEarly()) {
            status += " (stopped early)";
        }
        String values = t.tunedHyperParameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + shorten(e.getValue())).collect(Collectors.joining(" "));
        return String.format(Locale.ROOT, "  %-45s %-12s %-24s %s", t.trainingJobName(),
                t.objective() == null ? "-" : number(t.objective()), status, values);
    }

    private static boolean better(TuningJobRecord job, double a, double b) {
        var k = job.request().hyperParameterTuningJobConfig();
        String type = k.hyperParameterTuningJobObjective() != null ? k.hyperParameterTuningJobObjective().type()
                : dev.kiln.api.tuning.TuningDefinitions.objective(job.request(),
                        dev.kiln.api.tuning.TuningDefinitions.of(job.request()).get(0)).type();
        return "Maximize".equals(type) ? a > b : a < b;
    }

    private static String shorten(String v) {
        try {
            return String.format(Locale.ROOT, "%.6g", Double.parseDouble(v)).replaceAll("\\.?0+(e|$)", "$1");
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
