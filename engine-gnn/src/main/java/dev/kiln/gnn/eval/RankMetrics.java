package dev.kiln.gnn.eval;

/**
 * Filtered link-prediction metrics over head and tail prediction (each test triple counts twice).
 *
 * @param queries number of ranked queries (2 per triple)
 */
public record RankMetrics(double mrr, double meanRank, double hits1, double hits3, double hits10, long queries) {

    /** The metric names, in the order of {@link #values()}. */
    public static final java.util.List<String> NAMES = java.util.List.of("mrr", "mr", "hits@1", "hits@3", "hits@10");

    /** The values in the order of {@link #NAMES}. */
    public double[] values() {
        return new double[] {mrr, meanRank, hits1, hits3, hits10};
    }

    /** Aggregates ranks (a rank may be fractional: ties count half, see {@link LinkEvaluator}). */
    static RankMetrics of(double sumRr, double sumRank, long h1, long h3, long h10, long n) {
        if (n == 0) {
            return new RankMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new RankMetrics(sumRr / n, sumRank / n, (double) h1 / n, (double) h3 / n, (double) h10 / n, n);
    }
}
