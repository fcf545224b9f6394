package dev.kiln.hpo.tuning;

import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.TuningDefinitions;
import dev.kiln.hpo.sampler.Direction;
import dev.kiln.hpo.space.CategoricalParameterRange;
import dev.kiln.hpo.space.ContinuousParameterRange;
import dev.kiln.hpo.space.IntegerParameterRange;
import dev.kiln.hpo.space.ParameterRange;
import dev.kiln.hpo.space.ScalingType;
import dev.kiln.hpo.space.SearchSpace;
import dev.kiln.runtime.job.TrainingJobService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTML report written when a tuning job ends: a summary, the objective per trial with the best so
 * far, each hyperparameter against the objective, and a sortable table of the trials. One file with
 * inline SVG, CSS and script: it opens offline and can be mailed around.
 */
final class TuningReport {
    private static final Map<TrialRecord.Outcome, String> COLORS = Map.of(
            TrialRecord.Outcome.COMPLETED, "#2f855a", TrialRecord.Outcome.STOPPED, "#b7791f",
            TrialRecord.Outcome.RETRYABLE_ERROR, "#c53030", TrialRecord.Outcome.NON_RETRYABLE_ERROR, "#c53030");
    private static final String EARLY = "#805ad5";

    private TuningReport() {}

    static void write(Path file, TuningJobRecord job, List<TrialRecord> trials, TrainingJobService training) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, html(job, trials, training), StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static String html(TuningJobRecord job, List<TrialRecord> trials, TrainingJobService training) {
        CreateHyperParameterTuningJobRequest r = job.request();
        var objective = TuningDefinitions.objective(r, TuningDefinitions.of(r).get(0));
        Direction direction = Direction.fromWire(objective.type());
        List<TrialRecord> scored = trials.stream().filter(t -> t.objective() != null).toList();
        TrialRecord best = scored.stream().reduce((a, b) -> direction.isBetter(b.objective(), a.objective()) ? b : a).orElse(null);
        StringBuilder h = new StringBuilder("<!DOCTYPE html><html><head><meta charset='utf-8'><title>")
                .append(escape(job.name())).append(" - tuning report</title><style>")
                .append("body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{cursor:pointer;background:#f4f4f4}")
                .append(".chart{border:1px solid #ddd;margin:6px;font-size:11px}.title{font-weight:bold;font-size:13px}")
                .append(".best{background:#e6fffa}</style></head><body>");
        h.append("<h1>").append(escape(job.name())).append("</h1><p>Status <b>").append(job.status()).append("</b>")
                .append(job.failureReason() == null ? "" : " &mdash; " + escape(job.failureReason()))
                .append("<br>Strategy ").append(escape(r.hyperParameterTuningJobConfig().strategy()))
                .append(", objective: ").append(escape(objective.type() + " " + objective.metricName()))
                .append("<br>Trials: ").append(trials.size()).append(", with an objective: ").append(scored.size())
                .append(job.completionReason() == null ? "" : "<br>Completion: " + escape(job.completionReason()))
                .append("</p>");
        if (best != null) {
            h.append("<p>Best: <b>").append(escape(best.trainingJobName())).append("</b> ")
                    .append(ReportCharts.number(best.objective())).append(" with ")
                    .append(escape(best.tunedHyperParameters().toString())).append("</p>");
        }
        if (!job.notes().isEmpty()) {
            h.append("<ul>").append(job.notes().stream().map(n -> "<li>" + escape(n) + "</li>").collect(Collectors.joining()))
                    .append("</ul>");
        }
        h.append(progressChart(scored, direction, objective.metricName()));
        for (int d = 0; d < TuningDefinitions.of(r).size(); d++) {
            SearchSpace space = SearchSpaces.of(TuningDefinitions.ranges(r, TuningDefinitions.of(r).get(d)));
            for (ParameterRange range : space.ranges()) {
                h.append(parameterChart(range, d, scored, objective.metricName()));
            }
        }
        h.append(table(trials, best, training));
        h.append("<script>document.querySelectorAll('th').forEach(function(th,i){th.onclick=function(){")
                .append("var t=th.closest('table'),rows=Array.from(t.rows).slice(1),up=th.dataset.up!=='1';th.dataset.up=up?'1':'0';")
                .append("rows.sort(function(a,b){var x=a.cells[i].innerText,y=b.cells[i].innerText,p=parseFloat(x),q=parseFloat(y);")
                .append("var c=(!isNaN(p)&&!isNaN(q))?p-q:x.localeCompare(y);return up?c:-c;});")
                .append("rows.forEach(function(r){t.tBodies[0].appendChild(r);});};});</script></body></html>");
        return h.toString();
    }

    private static String progressChart(List<TrialRecord> scored, Direction direction, String metric) {
        List<ReportCharts.Point> points = new ArrayList<>();
        List<double[]> bestLine = new ArrayList<>();
        Double best = null;
        for (TrialRecord t : scored) {
            points.add(new ReportCharts.Point(t.index(), t.objective(), tip(t), color(t)));
            best = best == null || direction.isBetter(t.objective(), best) ? t.objective() : best;
            bestLine.add(new double[] {t.index(), best});
        }
        return ReportCharts.scatter("Objective per trial (line: best so far)", "trial", metric, points, bestLine, false, null);
    }

    private static String parameterChart(ParameterRange range, int definition, List<TrialRecord> scored, String metric) {
        List<ReportCharts.Point> points = new ArrayList<>();
        List<String> categories = range instanceof CategoricalParameterRange c ? c.values() : null;
        boolean log = (range instanceof IntegerParameterRange i && i.resolvedScaling() == ScalingType.LOGARITHMIC)
                || (range instanceof ContinuousParameterRange c && c.resolvedScaling() == ScalingType.LOGARITHMIC);
        for (TrialRecord t : scored) {
            String v = t.definition() == definition ? t.tunedHyperParameters().get(range.name()) : null;
            if (v == null) {
                continue;
            }
            double x = categories != null ? categories.indexOf(v) : Double.parseDouble(v);
            points.add(new ReportCharts.Point(x, t.objective(), tip(t), color(t)));
        }
        return ReportCharts.scatter(range.name() + " against the objective", range.name(), metric, points, List.of(), log,
                categories);
    }

    private static String table(List<TrialRecord> trials, TrialRecord best, TrainingJobService training) {
        StringBuilder h = new StringBuilder("<h2>Trials</h2><table><thead><tr><th>#</th><th>training job</th><th>status</th>")
                .append("<th>counted as</th><th>objective</th><th>hyperparameters</th><th>failure</th></tr></thead><tbody>");
        for (TrialRecord t : trials) {
            String status = training.exists(t.trainingJobName()) ? training.record(t.trainingJobName()).status().name() : "-";
            h.append("<tr").append(t == best ? " class='best'" : "").append("><td>").append(t.index()).append("</td><td>")
                    .append(escape(t.trainingJobName())).append("</td><td>").append(status).append("</td><td>")
                    .append(t.outcome() == null ? "InProgress" : t.outcome() + (t.wasStoppedEarly() ? " (stopped early)" : ""))
                    .append("</td><td>").append(t.objective() == null ? "" : ReportCharts.number(t.objective()))
                    .append("</td><td>").append(escape(t.tunedHyperParameters().toString())).append("</td><td>")
                    .append(t.failureReason() == null ? "" : escape(t.failureReason())).append("</td></tr>");
        }
        return h.append("</tbody></table>").toString();
    }

    private static String tip(TrialRecord t) {
        return "#" + t.index() + " " + t.trainingJobName() + ": " + ReportCharts.number(t.objective()) + " "
                + t.tunedHyperParameters() + (t.wasStoppedEarly() ? " (stopped early)" : "");
    }

    private static String color(TrialRecord t) {
        return t.wasStoppedEarly() ? EARLY : COLORS.getOrDefault(t.outcome(), "#718096");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
