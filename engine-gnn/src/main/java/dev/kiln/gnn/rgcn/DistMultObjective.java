package dev.kiln.gnn.rgcn;

import dev.kiln.gnn.train.LossFunction;
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
    /** Positives scored together against each negative row. */
    private static final int GROUP = 4;
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
     * positive the head's, the tail's and the relation's rows, then one row per shared negative. Positives go
     * four at a time, so each negative row is read once per four queries for the scores and once for the
     * gradients (a group past the chunk's end is padded with zero queries).
     */
    private double chunk(double[] e, double[] rel, LinkBatch b, int c, double scale, double[] buf, int base) {
        int d = dim, numNegs = b.numNegs();
        int k0 = c * b.chunkSize(), k1 = Math.min(b.size(), k0 + b.chunkSize());
        Arrays.fill(buf, base, base + (3 * b.chunkSize() + numNegs) * d, 0);
        int negBase = base + 3 * b.chunkSize() * d;
        boolean tail = b.corruptTail()[c];
        int[] negs = b.negatives();
        double[][] q = new double[GROUP][d], dq = new double[GROUP][d];
        double[][] s = new double[GROUP][numNegs], g = new double[GROUP][numNegs];
        double[] q0 = q[0], q1 = q[1], q2 = q[2], q3 = q[3];
        double[] d0 = dq[0], d1 = dq[1], d2 = dq[2], d3 = dq[3];
        double loss = 0;
        for (int k = k0; k < k1; k += GROUP) {
            int m = Math.min(GROUP, k1 - k);
            for (int u = 0; u < GROUP; u++) {
                if (u < m) {
                    loss += positive(e, rel, b, k + u, tail, scale, buf, base + 3 * (k + u - k0) * d, q[u]);
                } else {
                    Arrays.fill(q[u], 0);
                }
            }
            for (int x = 0; x < numNegs; x++) {
                int no = negs[c * numNegs + x] * d;
                double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                for (int j = 0; j < d; j++) {
                    double v = e[no + j];
                    a0 += q0[j] * v;
                    a1 += q1[j] * v;
                    a2 += q2[j] * v;
                    a3 += q3[j] * v;
                }
                s[0][x] = a0;
                s[1][x] = a1;
                s[2][x] = a2;
                s[3][x] = a3;
            }
            for (int u = 0; u < GROUP; u++) {
                if (u < m) {
                    loss += negativeTerms(s[u], g[u], scale);
                } else {
                    Arrays.fill(g[u], 0);
                }
                Arrays.fill(dq[u], 0);
            }
            for (int x = 0; x < numNegs; x++) {
                double g0 = g[0][x], g1 = g[1][x], g2 = g[2][x], g3 = g[3][x];
                if (g0 == 0 && g1 == 0 && g2 == 0 && g3 == 0) {
                    continue;
                }
                int no = negs[c * numNegs + x] * d, gn = negBase + x * d;
                for (int j = 0; j < d; j++) {
                    double v = e[no + j];
                    d0[j] += g0 * v;
                    d1[j] += g1 * v;
                    d2[j] += g2 * v;
                    d3[j] += g3 * v;
                    buf[gn + j] += g0 * q0[j] + g1 * q1[j] + g2 * q2[j] + g3 * q3[j];
                }
            }
            for (int u = 0; u < m; u++) {
                // q = r * e_anchor, where the anchor is the head (tails corrupted) or the tail
                int ro = b.relations()[k + u] * d, ao = (tail ? b.heads()[k + u] : b.tails()[k + u]) * d;
                int gh = base + 3 * (k + u - k0) * d, ga = tail ? gh : gh + d, gr = gh + 2 * d;
                double[] dqu = dq[u];
                for (int j = 0; j < d; j++) {
                    buf[ga + j] += dqu[j] * rel[ro + j];
                    buf[gr + j] += dqu[j] * e[ao + j];
                }
            }
        }
        return loss;
    }

    /**
     * Positive {@code k}'s {@code softplus(-s+)}; adds its gradient into the head, tail and relation rows at
     * {@code gh} and writes its query {@code r * e_anchor} into {@code q}.
     */
    private double positive(double[] e, double[] rel, LinkBatch b, int k, boolean tail, double scale, double[] buf,
                            int gh, double[] q) {
        int d = dim, ho = b.heads()[k] * d, ro = b.relations()[k] * d, to = b.tails()[k] * d;
        int gt = gh + d, gr = gt + d;
        double sp = 0;
        for (int j = 0; j < d; j++) {
            sp += e[ho + j] * rel[ro + j] * e[to + j];
        }
        double gp = -scale * LossFunction.sigmoid(-sp);
        for (int j = 0; j < d; j++) {
            double eh = e[ho + j], et = e[to + j], r = rel[ro + j];
            buf[gh + j] += gp * r * et;
            buf[gt + j] += gp * r * eh;
            buf[gr + j] += gp * eh * et;
            q[j] = r * (tail ? eh : et);
        }
        return LossFunction.softplus(-sp);
    }

    /**
     * Sum of the weighted {@code softplus(s_x)}; writes each {@code scale * w_x * sigmoid(s_x)} into {@code g}.
     * Softplus and sigmoid share one {@code exp(-|s|)}, with {@code log} rather than {@code log1p} (a JIT
     * intrinsic; {@code 1 + exp(-|s|)} is in (1, 2], where the two agree to rounding): these run for every
     * positive-negative pair, and their transcendentals were the scoring's largest cost.
     */
    private double negativeTerms(double[] s, double[] g, double scale) {
        int n = s.length;
        double loss = 0;
        double z = 0, max = Double.NEGATIVE_INFINITY;
        if (temperature > 0) {
            for (double v : s) {
                max = Math.max(max, temperature * v);
            }
            for (int x = 0; x < n; x++) {
                g[x] = Math.exp(temperature * s[x] - max);
                z += g[x];
            }
        }
        for (int x = 0; x < n; x++) {
            double w = temperature > 0 ? g[x] / z : 1.0 / n;
            double v = s[x], ex = Math.exp(-Math.abs(v)), inv = 1 / (1 + ex);
            loss += w * (Math.max(v, 0) + Math.log(1 + ex));
            g[x] = scale * w * (v >= 0 ? inv : ex * inv);
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
}
