package dev.kiln.gnn.eval;

import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.EmbeddingTable;

/** Filtered link-prediction ranking of a split against every entity: {@link LinkEvaluator}'s convention. */
public interface LinkRanker extends AutoCloseable {

    /** Ranks all triples of {@code split} (or its first {@code limit} when limit > 0) with the given tables. */
    RankMetrics evaluate(EmbeddingTable entities, EmbeddingTable relations, Triples split, int limit)
            throws InterruptedException;

    /** Frees what the ranker holds (device memory); nothing by default. */
    @Override
    default void close() {}
}
