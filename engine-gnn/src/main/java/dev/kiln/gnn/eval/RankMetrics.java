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

    /** The metrics of {@code ranks[0..n)} (fractional where ties count half). */
    public static RankMetrics ofRanks(double[] ranks, int n) {
        double rr = 0, sum = 0;
        long h1 = 0, h3 = 0, h10 = 0;
        for (int i = 0; i < n; i++) {
            double rank = ranks[i];
            rr += 1.0 / rank;
            sum += rank;
            h1 += rank <= 1 ? 1 : 0;
            h3 += rank <= 3 ? 1 : 0;
            h10 += rank <= 10 ? 1 : 0;
        }
        return of(rr, sum, h1, h3, h10, n);
    }

    /** Aggregates ranks (a rank may be fractional: ties count half, see {@link LinkEvaluator}). */
    static RankMetrics of(double sumRr, double sumRank, long h1, long h3, long h10, long n) {
        if (n == 0) {
            return new RankMetrics(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
        }
        return new RankMetrics(sumRr / n, sumRank / n, (double) h1 / n, (double) h3 / n, (double) h10 / n, n);
    }
}
