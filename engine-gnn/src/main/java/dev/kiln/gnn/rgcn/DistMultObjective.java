package dev.kiln.gnn.rgcn;

import java.util.Arrays;

/**
 * The DistMult decoder's loss over a {@link LinkBatch} and its gradient wrt the encoder's output rows and
 * the relation diagonals. Per positive: {@code softplus(-s+) + sum_j w_j softplus(s_j)} over its chunk's
 * negatives, with {@code w_j = 1/numNegs}, or with an adversarial temperature {@code a > 0} the softmax of
 * {@code a * s_j} over them, held constant in the gradient (the RotatE paper's self-adversarial sampling,
 * as the KGE trainers do); the batch's loss is the mean over positives. A chunk's positives share one
 * query-by-negatives product, so many shared negatives cost little next to the encoder's pass.
 *
 * <p>Chunks are scored in parallel into per-chunk gradient buffers, in waves of bounded memory, and each
 * wave is then added into the shared gradients in chunk order: the result does not depend on the thread
 * count. A chunk is one thread's work, so a batch of one chunk ({@code neg-chunk-size} at least the batch)
 * scores on one thread.
 */
final class DistMultObjective {
    /** Doubles of per-chunk gradient buffers held at once (32 MB). */
    private static final int WAVE_DOUBLES = 1 << 22;
    private final int dim;
    private final double temperature;
    private final Dense dense;
    private final int waveDoubles;

    DistMultObjective(int dim, double adversarialTemperature, Dense dense) {
        this(dim, adversarialTemperature, dense, WAVE_DOUBLES);
    }

    /** With waves of at most {@code waveDoubles} buffered doubles (at least one chunk per wave); for tests. */
    DistMultObjective(int dim, double adversarialTemperature, Dense dense, int waveDoubles) {
        this.dim = dim;
        this.temperature = adversarialTemperature;
        this.dense = dense;
        this.waveDoubles = waveDoubles;
    }

    /**
     * The batch's mean loss; adds its gradient into {@code ge} (rows of {@code e}) and {@code grel} (rows of
     * {@code rel}).
     */
    double lossAndGradient(double[] e, double[] ge, double[] rel, double[] grel, LinkBatch b) {
        int chunks = b.numChunks();
        double scale = 1.0 / b.size();
        int perChunk = (3 * b.chunkSize() + b.numNegs()) * dim;
        int wave = Math.max(1, Math.min(chunks, waveDoubles / perChunk));
        double[] buf = new double[wave * perChunk];
        double[] losses = new double[chunks];
        for (int lo = 0; lo < chunks; lo += wave) {
            int first = lo, n = Math.min(chunks, lo + wave) - lo;
            dense.forRows(n, i -> losses[first + i] = chunk(e, rel, b, first + i, scale, buf, i * perChunk));
            for (int i = 0; i < n; i++) {
                scatter(ge, grel, b, first + i, buf, i * perChunk);
            }
        }
        double loss = 0;
        for (double l : losses) {
            loss += l;
        }
        return loss * scale;
    }

    /**
     * Chunk {@code c}'s summed loss; writes its gradients (already times {@code scale}) at {@code base}: per
     * positive the head's, the tail's and the relation's rows, then one row per shared negative.
     */
    private double chunk(double[] e, double[] rel, LinkBatch b, int c, double scale, double[] buf, int base) {
        int d = dim, numNegs = b.numNegs();
        int k0 = c * b.chunkSize(), k1 = Math.min(b.size(), k0 + b.chunkSize());
        Arrays.fill(buf, base, base + (3 * b.chunkSize() + numNegs) * d, 0);
        int negBase = base + 3 * b.chunkSize() * d;
        boolean tail = b.corruptTail()[c];
        int[] negs = b.negatives();
        double[] q = new double[d], dq = new double[d], s = new double[numNegs], g = new double[numNegs];
        double loss = 0;
        for (int k = k0; k < k1; k++) {
            int ho = b.heads()[k] * d, ro = b.relations()[k] * d, to = b.tails()[k] * d;
            int gh = base + 3 * (k - k0) * d, gt = gh + d, gr = gt + d;
            double sp = 0;
            for (int j = 0; j < d; j++) {
                sp += e[ho + j] * rel[ro + j] * e[to + j];
            }
            loss += softplus(-sp);
            double gp = -scale * sigmoid(-sp);
            for (int j = 0; j < d; j++) {
                double eh = e[ho + j], et = e[to + j], r = rel[ro + j];
                buf[gh + j] += gp * r * et;
                buf[gt + j] += gp * r * eh;
                buf[gr + j] += gp * eh * et;
                q[j] = r * (tail ? eh : et);
            }
            for (int x = 0; x < numNegs; x++) {
                s[x] = dot(q, e, negs[c * numNegs + x] * d);
            }
            loss += negativeTerms(s, g, scale);
            Arrays.fill(dq, 0);
            for (int x = 0; x < numNegs; x++) {
                double gx = g[x];
                if (gx == 0) {
                    continue;
                }
                int no = negs[c * numNegs + x] * d, gn = negBase + x * d;
                for (int j = 0; j < d; j++) {
                    dq[j] += gx * e[no + j];
                    buf[gn + j] += gx * q[j];
                }
            }
            // q = r * e_anchor, where the anchor is the head (tails corrupted) or the tail
            int ga = tail ? gh : gt, ao = tail ? ho : to;
            for (int j = 0; j < d; j++) {
                buf[ga + j] += dq[j] * rel[ro + j];
                buf[gr + j] += dq[j] * e[ao + j];
            }
        }
        return loss;
    }

    /** Sum of the weighted {@code softplus(s_x)}; writes each {@code scale * w_x * sigmoid(s_x)} into {@code g}. */
    private double negativeTerms(double[] s, double[] g, double scale) {
        int n = s.length;
        double loss = 0;
        if (temperature > 0) {
            double max = Double.NEGATIVE_INFINITY;
            for (double v : s) {
                max = Math.max(max, temperature * v);
            }
            double z = 0;
            for (int x = 0; x < n; x++) {
                g[x] = Math.exp(temperature * s[x] - max);
                z += g[x];
            }
            for (int x = 0; x < n; x++) {
                double w = g[x] / z;
                loss += w * softplus(s[x]);
                g[x] = scale * w * sigmoid(s[x]);
            }
        } else {
            double w = 1.0 / n;
            for (int x = 0; x < n; x++) {
                loss += w * softplus(s[x]);
                g[x] = scale * w * sigmoid(s[x]);
            }
        }
        return loss;
    }

    private void scatter(double[] ge, double[] grel, LinkBatch b, int c, double[] buf, int base) {
        int d = dim, numNegs = b.numNegs();
        int k0 = c * b.chunkSize(), k1 = Math.min(b.size(), k0 + b.chunkSize());
        for (int k = k0; k < k1; k++) {
            int gh = base + 3 * (k - k0) * d;
            add(ge, b.heads()[k] * d, buf, gh);
            add(ge, b.tails()[k] * d, buf, gh + d);
            add(grel, b.relations()[k] * d, buf, gh + 2 * d);
        }
        int negBase = base + 3 * b.chunkSize() * d;
        for (int x = 0; x < numNegs; x++) {
            add(ge, b.negatives()[c * numNegs + x] * d, buf, negBase + x * d);
        }
    }

    private void add(double[] to, int at, double[] from, int offset) {
        for (int j = 0; j < dim; j++) {
            to[at + j] += from[offset + j];
        }
    }

    private static double dot(double[] q, double[] e, int offset) {
        double s = 0;
        for (int j = 0; j < q.length; j++) {
            s += q[j] * e[offset + j];
        }
        return s;
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
    }
}
