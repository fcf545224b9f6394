package dev.kiln.gnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.data.Triples;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Filtered draws skip the known answers of a chunk's queries, and stay one deterministic stream: the same seed
 * and epoch give the same negatives, which is what keeps the CPU and GPU trainers on the same model.
 */
class EpochDrawsTest {
    private static final int ENTITIES = 50;

    /** A hub: entities 0..29 all have relation 0 to entity 49, so (?, 0, 49) has 30 answers of 50 entities. */
    private static Triples hub() {
        int n = 30;
        int[] h = new int[n], r = new int[n], t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = i;
            t[i] = 49;
        }
        return new Triples(h, r, t);
    }

    @Test
    void filteredNegativesAreNeverAKnownAnswerOfTheirChunk() {
        Triples train = hub();
        TrainConfig cfg = new TrainConfig(10, 20, 5, 0, 3, 1, 7, true, false);
        TrainingTriples filtering = TrainingTriples.of(null, cfg, train);
        TrainingTriples plainTriples = TrainingTriples.of(null, new TrainConfig(10, 20, 5, 0, 3, 1, 7), train);
        int unfilteredHits = 0;
        for (int epoch = 1; epoch <= 5; epoch++) {
            EpochDraws filtered = new EpochDraws(cfg, epoch, filtering, ENTITIES);
            EpochDraws plain = new EpochDraws(cfg, epoch, plainTriples, ENTITIES);
            int[] f = new int[2 * 20], p = new int[2 * 20];
            for (int batch = 0, from = 0; from < train.size(); batch++, from += 10) {
                boolean tail = filtered.draw(batch, from, 10, f, 0);
                boolean plainTail = plain.draw(batch, from, 10, p, 0);
                for (int j = 0; j < f.length; j++) {
                    // Heads are corrupted: a known answer of (?, 0, 49) is any entity below 30. Tails: only 49.
                    assertTrue(tail ? f[j] != 49 : f[j] >= 30,
                            "drew answer " + f[j] + (tail ? " as a tail" : " as a head"));
                    unfilteredHits += plainTail ? (p[j] == 49 ? 1 : 0) : (p[j] < 30 ? 1 : 0);
                }
            }
        }
        assertTrue(unfilteredHits > 100,
                "uniform draws hit the answers (" + unfilteredHits + "), so the filter is tested");
    }

    @Test
    void filteredDrawsAreDeterministic() {
        Triples train = hub();
        TrainConfig cfg = new TrainConfig(10, 20, 5, 0, 3, 1, 7, true, false);
        int[] a = new int[40], b = new int[40];
        new EpochDraws(cfg, 3, TrainingTriples.of(null, cfg, train), ENTITIES).draw(0, 0, 10, a, 0);
        new EpochDraws(cfg, 3, TrainingTriples.of(null, cfg, train), ENTITIES).draw(0, 0, 10, b, 0);
        assertArrayEquals(a, b);
    }

    @Test
    void aChunkWhoseQueriesCoverEveryEntityStillGetsItsNegatives() {
        // Every entity but 0 is a head of (?, 0, 0), and 0 its tail's own answer: no entity is free to draw.
        int n = ENTITIES;
        int[] h = new int[n], r = new int[n], t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = i;
        }
        Triples train = new Triples(h, r, t);
        TrainConfig cfg = new TrainConfig(n, 8, n, 0, 3, 1, 1, true, false);
        int[] out = new int[8];
        EpochDraws draws = new EpochDraws(cfg, 1, TrainingTriples.of(null, cfg, train), ENTITIES);
        draws.draw(0, 0, n, out, 0);
        assertTrue(Arrays.stream(out).allMatch(e -> e >= 0 && e < ENTITIES), Arrays.toString(out));
    }

    @Test
    void theIndexIsBuiltOnlyWhenFilteringAndKeptForTheSameTriples() {
        Triples train = hub();
        TrainingTriples plain = TrainingTriples.of(null, new TrainConfig(10, 20, 5, 0, 3, 1, 7), train);
        assertNull(plain.answers());
        TrainConfig cfg = new TrainConfig(10, 20, 5, 0, 3, 1, 7, true, false);
        TrainingTriples kept = TrainingTriples.of(null, cfg, train);
        assertNotNull(kept.answers());
        assertSame(kept, TrainingTriples.of(kept, cfg, train));
        assertEquals(30, kept.answers().heads(0, 49).length);
    }
}
