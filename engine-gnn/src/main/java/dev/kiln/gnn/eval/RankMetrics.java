package dev.kiln.gnn.eval;

/**
 * Filtered link-prediction metrics over head and tail prediction (each test triple counts twice).
 *
 * @param queries number of ranked queries (2 per triple)
 */
public record RankMetrics(double mrr, double meanRank, double hits1, double hits3, double hits10, long queries) {

    /** Aggregates ranks (a rank may be fractional: ties count half, see {@link LinkEvaluator}). */
    static RankMetrics of(double sumRr, double sumRank, long h1, long h3, long h10, long n) {
        if (n == 0) {
            return new RankMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new RankMetrics(sumRr / n, sumRank / n, (double) h1 / n, (double) h3 / n, (double) h10 / n, n);
    }
}
