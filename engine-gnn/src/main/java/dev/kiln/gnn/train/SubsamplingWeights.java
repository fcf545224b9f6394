package dev.kiln.gnn.train;

import dev.kiln.gnn.data.Triples;
import java.util.HashMap;
import java.util.Map;

/**
 * The RotatE paper's subsampling weights (its code's {@code count_frequency}, after word2vec): positive
 * {@code (h, r, t)} weighs {@code 1 / sqrt(count(h, r) + count(t, r^-1))}, where count(h, r) is 3 plus the training
 * triples with head h and relation r, and count(t, r^-1) 3 plus those with tail t and relation r. A batch's
 * gradient is then the weighted mean's (the loss the trainers report stays the plain mean). Why: a query with many
 * answers, such as {@code (?, nationality, USA)} on FB15k-237, has a training triple per answer, and uniform weights
 * let those few queries dominate the loss.
 */
public final class SubsamplingWeights {
    /** A query's count is this plus its triples: the paper's code starts it at 4 with the first one. */
    private static final int START = 3;

    private SubsamplingWeights() {}

    /** Each triple's weight, by index. */
    public static float[] of(Triples train) {
        Map<Long, Integer> count = new HashMap<>();
        int n = train.size();
        for (int i = 0; i < n; i++) {
            count.merge(key(train.heads()[i], train.relations()[i], false), 1, Integer::sum);
            count.merge(key(train.tails()[i], train.relations()[i], true), 1, Integer::sum);
        }
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            int c = count.get(key(train.heads()[i], train.relations()[i], false))
                    + count.get(key(train.tails()[i], train.relations()[i], true)) + 2 * START;
            w[i] = (float) (1 / Math.sqrt(c));
        }
        return w;
    }

    private static long key(int entity, int relation, boolean inverse) {
        return ((long) entity << 32) | ((long) relation << 1) | (inverse ? 1 : 0);
    }

    /**
     * Writes to {@code out[at..at + m)} how many times each of the batch's positives {@code order[from..from + m)}
     * counts in its mean: {@code w_i * m / sum w}, so that the mean's gradient is the weighted mean's,
     * {@code sum w_i dL_i / sum w}. The CPU trainer and the GPU trainer (kge_weigh) both scale by these.
     */
    public static void factors(float[] weights, int[] order, int from, int m, float[] out, int at) {
        double sum = 0;
        for (int p = 0; p < m; p++) {
            sum += weights[order[from + p]];
        }
        float f = (float) (m / sum);
        for (int p = 0; p < m; p++) {
            out[at + p] = weights[order[from + p]] * f;
        }
    }
}
