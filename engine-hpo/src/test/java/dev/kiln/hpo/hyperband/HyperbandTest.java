package dev.kiln.hpo.hyperband;

import dev.kiln.hpo.pruner.Decision;
import dev.kiln.hpo.sampler.Direction;
import dev.kiln.hpo.sampler.RandomSampler;
import dev.kiln.hpo.space.ContinuousParameterRange;
import dev.kiln.hpo.space.ScalingType;
import dev.kiln.hpo.space.SearchSpace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HyperbandTest {
    private static final SearchSpace SPACE = SearchSpace.of(new ContinuousParameterRange("x", 0, 1, ScalingType.LINEAR));

    private static Hyperband hyperband(Direction direction, int min, int max) {
        return Hyperband.random(SPACE, direction, 1, min, max);
    }

    /** Asks until a trial lands in {@code bracket}; trials in other brackets are failed out of the way. */
    private static HyperbandTrial askIn(Hyperband hb, int bracket) {
        while (true) {
            HyperbandTrial t = hb.ask();
            if (t.bracket() == bracket) {
                return t;
            }
            hb.fail(t.id());
        }
    }

    @Test
    void bracketsJudgeAtMinResourceTimesPowersOfThree() {
        List<Bracket> brackets = hyperband(Direction.MINIMIZE, 1, 27).brackets();
        assertEquals(4, brackets.size());
        assertEquals(List.of(1, 3, 9), brackets.get(0).rungResources());
        assertEquals(List.of(3, 9), brackets.get(1).rungResources());
        assertEquals(List.of(9), brackets.get(2).rungResources());
        assertEquals(List.of(), brackets.get(3).rungResources(), "the last bracket trains everything fully");
        assertEquals(List.of(5, 15, 45), hyperband(Direction.MINIMIZE, 5, 50).brackets().get(0).rungResources());
        assertEquals(List.of(45), hyperband(Direction.MINIMIZE, 5, 50).brackets().get(2).rungResources());
    }

    @Test
    void bracketsAreAllocatedAsHyperbandDoes() {
        Hyperband hb = hyperband(Direction.MINIMIZE, 1, 27);
        int[] counts = new int[4];
        for (int i = 0; i < 49; i++) {
            HyperbandTrial t = hb.ask();
            counts[t.bracket()]++;
            hb.fail(t.id());
        }
        // ceil((B+1)/(s+1) * 3^s) configurations for s = 3, 2, 1, 0 halvings.
        assertEquals(List.of(27, 12, 6, 4), List.of(counts[0], counts[1], counts[2], counts[3]));
    }

    @Test
    void onlyTheTopThirdAtARungIsPromoted() {
        Bracket rung = new Bracket(0, 1, 27, 3);
        assertTrue(rung.promote(0, 0.5), "the first trial at a rung always goes on");
        assertFalse(rung.promote(0, 0.7), "2 recorded: top max(1, 0) = 1, and 0.5 is better");
        assertTrue(rung.promote(0, 0.1), "new best");
        assertFalse(rung.promote(0, 0.3), "4 recorded: top 1, 0.1 is better");
        assertFalse(rung.promote(0, 0.6));
        assertTrue(rung.promote(0, 0.2), "6 recorded: top 2, only 0.1 is better");
        assertEquals(6, rung.recordedAt(0));
    }

    @Test
    void reportsStopUnpromotedTrialsAndTellTheSamplerTheirLastObjective() {
        Hyperband hb = hyperband(Direction.MINIMIZE, 1, 9);
        HyperbandTrial first = askIn(hb, 0);
        HyperbandTrial second = askIn(hb, 0);
        assertEquals(List.of(1, 3), first.rungResources());
        assertEquals(Decision.CONTINUE, hb.report(first.id(), 1, 0.4));
        assertEquals(Decision.STOP, hb.report(second.id(), 1, 0.9));
        assertEquals(0.9, hb.sampler().observations().get(0).objective());
        assertThrows(IllegalStateException.class, () -> hb.report(second.id(), 2, 0.1));

        assertEquals(Decision.CONTINUE, hb.report(first.id(), 2, 0.35), "between rungs");
        assertEquals(Decision.CONTINUE, hb.report(first.id(), 3, 0.3), "first at rung 3");
        assertEquals(Decision.STOP, hb.report(first.id(), 9, 0.2), "MaxResource reached");
        assertEquals(0.2, hb.sampler().best().orElseThrow().objective());
        assertTrue(hb.sampler().pendingTrials().isEmpty());
    }

    @Test
    void aReportPastSeveralRungsIsJudgedAtEachOfThem() {
        Hyperband hb = hyperband(Direction.MAXIMIZE, 1, 27);
        HyperbandTrial a = askIn(hb, 0);
        assertEquals(Decision.CONTINUE, hb.report(a.id(), 10, 0.8), "first at rungs 1, 3 and 9");
        HyperbandTrial b = askIn(hb, 0);
        assertEquals(Decision.STOP, hb.report(b.id(), 4, 0.5), "promoted at rung 1? no: 0.8 is better there");
        assertEquals(1, hb.brackets().get(0).recordedAt(1));
        assertEquals(2, hb.brackets().get(0).recordedAt(0));
        assertEquals(1, hb.brackets().get(0).recordedAt(2));
    }

    @Test
    void trialsInTheLastBracketRunToMaxResource() {
        Hyperband hb = hyperband(Direction.MINIMIZE, 1, 9);
        int last = hb.brackets().size() - 1;
        HyperbandTrial t = askIn(hb, last);
        for (int epoch = 1; epoch < 9; epoch++) {
            assertEquals(Decision.CONTINUE, hb.report(t.id(), epoch, 100.0 - epoch));
        }
        assertEquals(Decision.STOP, hb.report(t.id(), 9, 50));
    }

    @Test
    void completeAndFailEndTrialsEarly() {
        Hyperband hb = new Hyperband(new RandomSampler(SPACE, Direction.MINIMIZE, 3), 1, 9);
        HyperbandTrial done = hb.ask();
        HyperbandTrial broken = hb.ask();
        HyperbandTrial silent = hb.ask();
        hb.report(done.id(), 1, 0.3);
        hb.complete(done.id());
        hb.fail(broken.id());
        hb.complete(silent.id()); // never reported: nothing to tell
        List<Double> told = new ArrayList<>();
        hb.sampler().observations().forEach(o -> told.add(o.objective()));
        assertEquals(List.of(0.3), told);
        assertThrows(IllegalStateException.class, () -> hb.complete(done.id()));
    }

    @Test
    void invalidResourcesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> hyperband(Direction.MINIMIZE, 0, 9));
        assertThrows(IllegalArgumentException.class, () -> hyperband(Direction.MINIMIZE, 10, 9));
    }
}
