package dev.kiln.gnn.train;

import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.data.TrueTripleIndex;

/**
 * The training triples with what the sampling options derive from them, once per job rather than per epoch: each
 * query's known answers for {@code filter-negatives} ({@link EpochDraws}) and each triple's weight for
 * {@code subsampling-weight} ({@link SubsamplingWeights}). The CPU and GPU trainers both keep one.
 *
 * @param answers the index of the training triples when negatives are filtered, else null
 * @param weights each triple's subsampling weight, by index, when positives are weighted, else null
 */
public record TrainingTriples(Triples triples, TrueTripleIndex answers, float[] weights) {

    /** {@code kept} when it holds {@code train} (a trainer gets the same triples every epoch), else derived anew. */
    public static TrainingTriples of(TrainingTriples kept, TrainConfig cfg, Triples train) {
        if (kept != null && kept.triples == train) {
            return kept;
        }
        return new TrainingTriples(train, cfg.filterNegatives() ? answersOf(train) : null,
                cfg.subsamplingWeight() ? SubsamplingWeights.of(train) : null);
    }

    private static TrueTripleIndex answersOf(Triples train) {
        int relations = 0;
        for (int r : train.relations()) {
            relations = Math.max(relations, r + 1);
        }
        return TrueTripleIndex.of(relations, train);
    }
}
