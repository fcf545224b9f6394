package dev.kiln.runtime.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.training.MetricDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The prefilter must never drop a real match. Random regexes (see {@link RegexGenerator}) are run
 * over lines built from their own examples, mutated examples and noise: wherever a plain
 * {@code find()} matches, the line must contain the regex's required literal, and the optimized
 * scraper must produce exactly the points of an independent naive loop.
 */
class MetricScraperPrefilterPropertyTest {
    private static final Instant AT = Instant.EPOCH;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyMatchContainsTheRequiredLiteral(long seed) {
        RegexGenerator gen = new RegexGenerator(seed);
        List<RegexGenerator.Sample> samples = validSamples(gen, 600);
        int matches = 0;
        int filteredMatches = 0;
        for (RegexGenerator.Sample sample : samples) {
            Matcher m = Pattern.compile(sample.regex()).matcher("");
            Needle literal = RequiredLiteral.of(sample.regex());
            for (int k = 0; k < 30; k++) {
                String line = k < 20 ? gen.line(sample) : gen.line(samples.get(gen.random().nextInt(samples.size())));
                if (m.reset(line).find()) {
                    matches++;
                    if (!literal.isNone()) {
                        filteredMatches++;
                    }
                    assertTrue(literal.foundIn(line), () -> "regex " + show(sample.regex()) + " matched "
                            + show(line) + " which lacks its literal " + literal);
                }
            }
        }
        // Guard against a vacuous run: the generator must produce many real matches the prefilter sees.
        assertTrue(matches > 3000, "matches: " + matches);
        assertTrue(filteredMatches > 1500, "matches of regexes with a literal: " + filteredMatches);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13, 14})
    void optimizedScraperEqualsANaiveLoop(long seed) {
        RegexGenerator gen = new RegexGenerator(seed);
        int points = 0;
        for (int round = 0; round < 10; round++) {
            List<RegexGenerator.Sample> samples = validSamples(gen, 40);
            List<MetricDefinition> defs = new ArrayList<>();
            for (int d = 0; d < samples.size(); d++) {
                // Some shared names, to cover "the later value wins".
                defs.add(new MetricDefinition("m" + (d % 30), samples.get(d).regex()));
            }
            MetricScraper scraper = new MetricScraper(defs);
            List<Pattern> patterns = defs.stream().map(d -> Pattern.compile(d.regex())).toList();
            List<MetricPoint> expected = new ArrayList<>();
            List<MetricPoint> actual = new ArrayList<>();
            for (int k = 0; k < 400; k++) {
                String line = gen.line(samples.get(gen.random().nextInt(samples.size())));
                expected.addAll(naive(defs, patterns, line));
                actual.addAll(scraper.scrape(line, AT));
            }
            assertEquals(expected, actual, "round " + round);
            points += expected.size();
        }
        assertTrue(points > 400, "points: " + points);
    }

    /** The specification, literally: every regex, find() on every line, first group as a number. */
    private static List<MetricPoint> naive(List<MetricDefinition> defs, List<Pattern> patterns, String line) {
        List<MetricPoint> points = new ArrayList<>();
        for (int d = 0; d < defs.size(); d++) {
            MetricDefinition def = defs.get(d);
            Matcher m = patterns.get(d).matcher(line);
            if (m.find() && m.groupCount() >= 1 && m.group(1) != null) {
                Double value = MetricValues.parse(m.group(1));
                if (value != null) {
                    points.add(new MetricPoint(def.name(), value, AT));
                }
            }
        }
        return points;
    }

    private static List<RegexGenerator.Sample> validSamples(RegexGenerator gen, int count) {
        List<RegexGenerator.Sample> samples = new ArrayList<>();
        while (samples.size() < count) {
            RegexGenerator.Sample s = gen.definition();
            try {
                Pattern.compile(s.regex());
                samples.add(s);
            } catch (PatternSyntaxException e) {
                // Generated combinations are occasionally invalid (e.g. a quantifier after a quantifier).
            }
        }
        return samples;
    }

    private static String show(String s) {
        return "«" + s.replace("\t", "\\t").replace("\n", "\\n") + "»";
    }
}
