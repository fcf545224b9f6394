package dev.kiln.runtime.metrics;

import dev.kiln.api.training.MetricData;
import dev.kiln.api.training.MetricDefinition;
import dev.kiln.api.training.MetricRegex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Scrapes a training job's metrics from its log lines, as SageMaker does: every definition's
 * regex is searched ({@link Matcher#find()}, anywhere in the line) in every stdout and stderr
 * line, and its first capture group, read as a number (see {@link MetricValues}), is a point of
 * the metric's time series. Captures that are not numbers are ignored, as are matches where the
 * group did not take part; a regex without a capture group therefore never yields a value. Only
 * the first match of a regex in a line counts.
 *
 * <p>Several definitions may share a name: their points go into one series, and the later value
 * wins, both over time and, within one line, in definition order. Only the first
 * {@value #MAX_SCANNED_CHARS} characters of a line are scanned, so a pathological line (a
 * progress bar without newlines, a dumped tensor) costs bounded time; metrics are printed near the
 * start of a line in practice.
 *
 * <p>Thread-safe: stdout and stderr readers may call {@link #scrape} concurrently. For speed, each
 * regex is skipped on lines that lack a literal every one of its matches contains (see
 * {@link RequiredLiteral}); with many definitions those literals are found in one pass over the
 * line ({@link NeedleSet}); and each thread reuses its own {@link Matcher}s. The optional listener
 * is called after the points are recorded, outside the scraper's lock, possibly from several
 * threads at once.
 */
public final class MetricScraper {
    /** Lines are scanned up to this many characters (64 KiB of chars). */
    public static final int MAX_SCANNED_CHARS = 64 * 1024;

    private final Definition[] definitions;
    private final NeedleSet needles;
    private final boolean prefilter;
    private final Consumer<MetricPoint> listener;
    private final ThreadLocal<Scratch> scratch;
    private final Object lock = new Object();
    /** Names in definition order; guarded by {@link #lock}. */
    private final Map<String, List<MetricPoint>> series = new LinkedHashMap<>();

    /** A scraper for the definitions, with no listener. */
    public MetricScraper(List<MetricDefinition> definitions) {
        this(definitions, null);
    }

    /**
     * A scraper for the definitions that hands every new point to {@code listener} (for
     * persistence), which may be {@code null}.
     *
     * @throws IllegalArgumentException if a regex does not compile
     */
    public MetricScraper(List<MetricDefinition> definitions, Consumer<MetricPoint> listener) {
        this(definitions, listener, true);
    }

    private MetricScraper(List<MetricDefinition> defs, Consumer<MetricPoint> listener, boolean prefilter) {
        Objects.requireNonNull(defs, "definitions");
        this.prefilter = prefilter;
        this.listener = listener;
        this.definitions = new Definition[defs.size()];
        List<Needle> distinct = new ArrayList<>();
        for (int d = 0; d < defs.size(); d++) {
            MetricDefinition given = Objects.requireNonNull(defs.get(d), "definition");
            MetricDefinition def = new MetricDefinition(given.name(), MetricRegex.toJava(given.regex()));
            Pattern pattern = compile(def);
            Needle needle = prefilter ? RequiredLiteral.of(def.regex()) : Needle.NONE;
            int needleIndex = -1;
            if (!needle.isNone()) {
                needleIndex = distinct.indexOf(needle);
                if (needleIndex < 0) {
                    needleIndex = distinct.size();
                    distinct.add(needle);
                }
            }
            definitions[d] = new Definition(def.name(), pattern, needleIndex);
            series.putIfAbsent(def.name(), new ArrayList<>());
        }
        this.needles = new NeedleSet(distinct);
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(definitions, needles.newProbe()));
    }

    /**
     * The reference implementation: a fresh {@link Matcher} and a {@code find()} for every regex on
     * every line, no prefilter. It exists to check and measure the optimized scraper.
     */
    public static MetricScraper naive(List<MetricDefinition> definitions) {
        return new MetricScraper(definitions, null, false);
    }

    /**
     * Compiles a definition's regex as the scraper does, for validating requests up front.
     *
     * @throws IllegalArgumentException naming the metric, if the regex does not compile
     */
    public static Pattern compile(MetricDefinition definition) {
        Objects.requireNonNull(definition.name(), "metric name");
        Objects.requireNonNull(definition.regex(), "metric regex");
        try {
            return Pattern.compile(MetricRegex.toJava(definition.regex()));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "Metric definition '" + definition.name() + "' has an invalid regex: " + e.getDescription(), e);
        }
    }

    /** Scrapes one log line read at {@code at}; returns the new points in definition order. */
    public List<MetricPoint> scrape(String line, Instant at) {
        Objects.requireNonNull(at, "at");
        String text = cap(Objects.requireNonNull(line, "line"));
        List<MetricPoint> found = prefilter ? scanFiltered(text, at) : scanNaive(text, at);
        if (found.isEmpty()) {
            return found;
        }
        synchronized (lock) {
            for (MetricPoint point : found) {
                series.get(point.name()).add(point);
            }
        }
        if (listener != null) {
            found.forEach(listener);
        }
        return found;
    }

    private List<MetricPoint> scanFiltered(String text, Instant at) {
        Scratch s = scratch.get();
        s.probe.reset(text);
        List<MetricPoint> found = List.of();
        for (int d = 0; d < definitions.length; d++) {
            int needle = definitions[d].needleIndex;
            if (needle >= 0 && !s.probe.contains(needle)) {
                continue;
            }
            Matcher m = s.matchers[d].reset(text);
            found = collect(found, definitions[d], m, at);
        }
        return found;
    }

    private List<MetricPoint> scanNaive(String text, Instant at) {
        List<MetricPoint> found = List.of();
        for (Definition def : definitions) {
            found = collect(found, def, def.pattern.matcher(text), at);
        }
        return found;
    }

    private static List<MetricPoint> collect(List<MetricPoint> found, Definition def, Matcher m, Instant at) {
        if (!m.find() || m.groupCount() < 1) {
            return found;
        }
        int start = m.start(1);
        if (start < 0) {
            return found;
        }
        Double value = MetricValues.parse(m.group(1));
        if (value == null) {
            return found;
        }
        List<MetricPoint> list = found.isEmpty() ? new ArrayList<>(2) : found;
        list.add(new MetricPoint(def.name, value, at));
        return list;
    }

    /** Truncates to {@link #MAX_SCANNED_CHARS}, never splitting a surrogate pair. */
    private static String cap(String line) {
        if (line.length() <= MAX_SCANNED_CHARS) {
            return line;
        }
        int end = MAX_SCANNED_CHARS;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end);
    }

    /** Each metric's points so far, in definition order; metrics without points are left out. */
    public Map<String, List<MetricPoint>> series() {
        synchronized (lock) {
            Map<String, List<MetricPoint>> copy = new LinkedHashMap<>();
            series.forEach((name, points) -> {
                if (!points.isEmpty()) {
                    copy.put(name, List.copyOf(points));
                }
            });
            return Collections.unmodifiableMap(copy);
        }
    }

    /** The last value of each metric that has one, in definition order: DescribeTrainingJob's FinalMetricDataList. */
    public List<MetricData> finalMetricDataList() {
        synchronized (lock) {
            List<MetricData> result = new ArrayList<>();
            series.forEach((name, points) -> {
                if (!points.isEmpty()) {
                    MetricPoint last = points.get(points.size() - 1);
                    result.add(new MetricData(name, last.value(), last.timestamp()));
                }
            });
            return List.copyOf(result);
        }
    }

    private record Definition(String name, Pattern pattern, int needleIndex) {}

    /** Per-thread state: reusable matchers and the current line's needle lookups. */
    private static final class Scratch {
        final Matcher[] matchers;
        final NeedleSet.Probe probe;

        Scratch(Definition[] definitions, NeedleSet.Probe probe) {
            this.probe = probe;
            matchers = new Matcher[definitions.length];
            for (int d = 0; d < definitions.length; d++) {
                matchers[d] = definitions[d].pattern.matcher("");
            }
        }
    }
}
