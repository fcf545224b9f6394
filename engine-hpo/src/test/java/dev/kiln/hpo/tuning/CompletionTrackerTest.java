package dev.kiln.hpo.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.tuning.BestObjectiveNotImproving;
import dev.kiln.api.tuning.ConvergenceDetected;
import dev.kiln.api.tuning.TuningJobCompletionCriteria;
import dev.kiln.hpo.sampler.Direction;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CompletionTrackerTest {
    private static final Instant T = Instant.ofEpochSecond(1000);

    @Test
    void targetIsReachedWhenAnObjectiveIsAtLeastAsGoodInTheObjectivesDirection() {
        CompletionTracker max = new CompletionTracker(new TuningJobCompletionCriteria(0.9, null, null), Direction.MAXIMIZE);
        max.record(0.85, T);
        assertTrue(max.reason().isEmpty());
        max.record(0.9, T);
        assertTrue(max.reason().orElseThrow().startsWith("TargetObjectiveMetricValue"));

        CompletionTracker min = new CompletionTracker(new TuningJobCompletionCriteria(0.1, null, null), Direction.MINIMIZE);
        min.record(0.5, T);
        min.record(0.11, T);
        assertTrue(min.reason().isEmpty());
        min.record(0.09, T);
        assertTrue(min.reason().isPresent());
    }

    @Test
    void anImprovementOfOnePercentOrLessCountsAsNone() {
        CompletionTracker t = new CompletionTracker(
                new TuningJobCompletionCriteria(null, new BestObjectiveNotImproving(3), null), Direction.MINIMIZE);
        t.record(1.0, T);
        t.record(0.995, T); // 0.5% better: not an improvement
        t.record(2.0, T);
        assertEquals(2, t.notImproving());
        t.record(0.9, T); // 10% better than 0.995: resets
        assertEquals(0, t.notImproving());
        t.record(0.899, T);
        t.record(0.95, T);
        assertTrue(t.reason().isEmpty());
        t.record(5, T);
        assertEquals(3, t.notImproving());
        assertTrue(t.reason().orElseThrow().startsWith("BestObjectiveNotImproving"));
    }

    @Test
    void convergenceNeedsTenResultsAndNothingOfNoteInTheLastThird() {
        CompletionTracker t = new CompletionTracker(
                new TuningJobCompletionCriteria(null, null, new ConvergenceDetected("Enabled")), Direction.MAXIMIZE);
        double[] improving = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};
        for (double v : improving) {
            t.record(v, T);
        }
        assertTrue(t.reason().isEmpty());
        t.record(0.95, T);
        assertTrue(t.reason().isEmpty(), "the last third still improved");
        for (int i = 0; i < 4; i++) {
            t.record(0.5, T.plusSeconds(i));
            assertTrue(t.reason().isEmpty(), "0.95 is still within the last third");
        }
        t.record(0.5, T.plusSeconds(4));
        assertEquals("ConvergenceDetected", t.reason().orElseThrow());
        assertNotNull(t.convergedAt());
    }

    @Test
    void convergenceDisabledNeverFires() {
        CompletionTracker t = new CompletionTracker(
                new TuningJobCompletionCriteria(null, null, new ConvergenceDetected("Disabled")), Direction.MAXIMIZE);
        for (int i = 0; i < 30; i++) {
            t.record(1, T);
        }
        assertTrue(t.reason().isEmpty());
    }
}
