package dev.kiln.hpo.pruner;

import dev.kiln.hpo.sampler.Direction;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MedianPrunerTest {

    /** Five finished trials with constant curves 1..5 over steps 1..10: the median running average is 3. */
    private static MedianPruner withReferences(Direction direction) {
        MedianPruner pruner = new MedianPruner(direction);
        for (int id = 0; id < 5; id++) {
            for (int step = 1; step <= 10; step++) {
                assertEquals(Decision.CONTINUE, pruner.report(id, step, id + 1));
            }
            pruner.complete(id);
        }
        return pruner;
    }

    @Test
    void nothingIsStoppedBeforeEnoughTrialsFinished() {
        MedianPruner pruner = new MedianPruner(Direction.MINIMIZE);
        for (int id = 0; id < 4; id++) {
            for (int step = 1; step <= 5; step++) {
                pruner.report(id, step, 1.0);
            }
            pruner.complete(id);
        }
        for (int step = 1; step <= 5; step++) {
            assertEquals(Decision.CONTINUE, pruner.report(99, step, 100.0), "only 4 finished trials");
        }
    }

    @Test
    void aTrialWorseThanTheMedianIsStoppedOnceItHasEnoughSteps() {
        MedianPruner pruner = withReferences(Direction.MINIMIZE);
        assertEquals(Decision.CONTINUE, pruner.report(10, 1, 10), "warm-up: first step");
        assertEquals(Decision.CONTINUE, pruner.report(10, 2, 10), "warm-up: second step");
        assertEquals(Decision.STOP, pruner.report(10, 3, 10));
        assertThrows(IllegalStateException.class, () -> pruner.report(10, 4, 10));
        assertEquals(6, pruner.finishedCount(), "a stopped trial becomes a reference");
    }

    @Test
    void aTrialBetterThanTheMedianRunsToTheEnd() {
        MedianPruner pruner = withReferences(Direction.MINIMIZE);
        for (int step = 1; step <= 10; step++) {
            assertEquals(Decision.CONTINUE, pruner.report(10, step, 2.5));
        }
    }

    @Test
    void theRunningAverageIsComparedNotTheLatestValue() {
        MedianPruner pruner = withReferences(Direction.MINIMIZE);
        // A bad start that recovers: latest value 1, average (5+2+1)/3 = 2.67 < 3.
        pruner.report(20, 1, 5);
        pruner.report(20, 2, 2);
        assertEquals(Decision.CONTINUE, pruner.report(20, 3, 1));
        // A good start that collapses: latest value 7, average (1+1+7)/3 = 3, not worse than the median.
        pruner.report(21, 1, 1);
        pruner.report(21, 2, 1);
        assertEquals(Decision.CONTINUE, pruner.report(21, 3, 7));
        // One more bad value tips the average over: (1+1+7+7)/4 = 4 > 3.
        assertEquals(Decision.STOP, pruner.report(21, 4, 7));
    }

    @Test
    void referencesAreTheTrialsThatReachedTheStep() {
        MedianPruner pruner = new MedianPruner(Direction.MINIMIZE);
        for (int id = 0; id < 5; id++) {
            pruner.report(id, 1, 1);
            pruner.report(id, 2, 1);
            pruner.complete(id); // all stopped after step 2
        }
        pruner.report(9, 1, 50);
        pruner.report(9, 2, 50);
        assertEquals(Decision.CONTINUE, pruner.report(9, 3, 50), "no finished trial reached step 3");
    }

    @Test
    void maximisationStopsTrialsBelowTheMedian() {
        MedianPruner pruner = withReferences(Direction.MAXIMIZE);
        pruner.report(30, 1, 2);
        pruner.report(30, 2, 2);
        assertEquals(Decision.STOP, pruner.report(30, 3, 2));
        pruner.report(31, 1, 4);
        pruner.report(31, 2, 4);
        assertEquals(Decision.CONTINUE, pruner.report(31, 3, 4));
    }

    @Test
    void failedTrialsAreNotReferences() {
        MedianPruner pruner = new MedianPruner(Direction.MINIMIZE, 1, 1);
        pruner.report(0, 1, 100);
        pruner.discard(0);
        assertEquals(0, pruner.finishedCount());
        assertEquals(Decision.CONTINUE, pruner.report(1, 1, 5));
    }

    @Test
    void stepsMustIncrease() {
        MedianPruner pruner = new MedianPruner(Direction.MINIMIZE);
        pruner.report(0, 5, 1);
        assertThrows(IllegalArgumentException.class, () -> pruner.report(0, 5, 1));
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, MedianPruner.median(new double[]{4, 1, 3, 2}));
        assertEquals(3, MedianPruner.median(new double[]{5, 1, 3}));
    }
}
