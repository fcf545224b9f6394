package dev.kiln.server.profiles;

import dev.kiln.api.instance.InstancePrices;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The comparison {@code kiln bench-profiles} prints: one row per instance type with what it ran on,
 * its times, its estimated cloud cost and its final metrics (a column per metric name).
 *
 * @param host this machine as the jobs saw it
 * @param runs one result per type, in the order run
 */
public record BenchReport(HostSummary host, List<BenchResult> runs) {

    public BenchReport {
        runs = List.copyOf(runs);
    }

    /** Whether every run ended Completed. */
    public boolean allCompleted() {
        return runs.stream().allMatch(BenchResult::completed);
    }

    /** Metric names across all runs, in first-seen order. */
    public List<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        runs.forEach(r -> names.addAll(r.finalMetrics().keySet()));
        return List.copyOf(names);
    }

    public String text() {
        List<String> metrics = metricNames();
        List<String> headers = new ArrayList<>(List.of("INSTANCE TYPE", "RAN ON", "STATUS", "WALL", "TRAINING", "BILLABLE",
                "EST. COST"));
        headers.addAll(metrics);
        TextTable table = new TextTable(headers).alignRight(3, 4, 5, 6);
        for (int c = 7; c < headers.size(); c++) {
            table.alignRight(c);
        }
        for (BenchResult r : runs) {
            List<String> row = new ArrayList<>(List.of(r.instanceType() + (r.scaledDown() ? " *" : ""), r.ranOn(), r.status(),
                    Units.seconds(r.wallSeconds()), secondsOrDash(r.trainingSeconds()), secondsOrDash(r.billableSeconds()),
                    cost(r)));
            for (String m : metrics) {
                Double v = r.finalMetrics().get(m);
                row.add(v == null ? "-" : Units.number(v));
            }
            table.row(row);
        }
        StringBuilder out = new StringBuilder(host.describe()).append("\n\n").append(table.render()).append('\n');
        for (BenchResult r : runs) {
            if (r.failureReason() != null) {
                out.append(r.instanceType()).append(": ").append(r.failureReason()).append('\n');
            }
        }
        out.append("* scaled down to fit this machine.\n");
        out.append(String.format(Locale.ROOT, "EST. COST = billable seconds x instances x SageMaker training On-Demand USD/hour"
                + " (%s) / 3600;%nspot runs save %.0f%% unless their billable time already carries the saving; ~ marks an estimated price"
                + " (docs/profiles.md).%n",
                InstancePrices.REGION, InstancePrices.spotSavingFraction() * 100));
        return out.toString();
    }

    private static String secondsOrDash(Integer s) {
        return s == null ? "-" : s + " s";
    }

    private static String cost(BenchResult r) {
        if (r.estimatedCostUsd() == null) {
            return "n/a";
        }
        return (Boolean.TRUE.equals(r.priceEstimated()) ? "~" : "") + Units.usd(r.estimatedCostUsd())
                + (r.spot() ? " (spot)" : "");
    }
}
