package dev.kiln.gnn.rgcn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The chunked DistMult loss against a per-pair reference: values, gradients, threads and waves. */
class DistMultObjectiveTest {
    private static final int ROWS = 9, RELS = 3, DIM = 5;

    @ParameterizedTest
    @CsvSource({"1,0.0", "2,0.0", "3,0.0", "3,1.5", "7,0.5"})
    void gradientsMatchFiniteDifferencesOfTheLossWithWeightsHeldConstant(int chunk, double temperature) {
        SplittableRandom rnd = new SplittableRandom(chunk * 31L);
        double[] e = random(ROWS * DIM, rnd), rel = random(RELS * DIM, rnd);
        LinkBatch b = batch(7, chunk, 4, rnd);
        double[] ge = new double[e.length], grel = new double[rel.length];
        double loss;
        try (Dense dense = new Dense(2)) {
            loss = new DistMultObjective(DIM, temperature, dense).lossAndGradient(e, ge, rel, grel, b);
        }
        double[][] w = weights(e, rel, b, temperature);
        assertEquals(reference(e, rel, b, w), loss, 1e-12, "the loss is the per-pair sum");
        // self-adversarial weights are constants of the gradient (as in the RotatE paper), so the finite
        // differences hold them at their unperturbed values
        for (double[][] pair : new double[][][] {{e, ge}, {rel, grel}}) {
            double[] x = pair[0], g = pair[1];
            for (int i = 0; i < x.length; i++) {
                double v = x[i], eps = 1e-6;
                x[i] = v + eps;
                double up = reference(e, rel, b, w);
                x[i] = v - eps;
                double down = reference(e, rel, b, w);
                x[i] = v;
                assertEquals((up - down) / (2 * eps), g[i], 1e-8, "gradient " + i);
            }
        }
    }

    @Test
    void threadsAndWavesDoNotChangeTheResult() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[] e = random(ROWS * DIM, rnd), rel = random(RELS * DIM, rnd);
        LinkBatch b = batch(23, 2, 3, rnd);
        double[][] results = new double[3][];
        int[][] setups = {{1, 1 << 22}, {3, 1 << 22}, {2, (3 * 2 + 3) * DIM * 2}}; // the last: waves of 2 chunks
        for (int s = 0; s < setups.length; s++) {
            double[] ge = new double[e.length], grel = new double[rel.length];
            try (Dense dense = new Dense(setups[s][0])) {
                double loss = new DistMultObjective(DIM, 0.7, dense, setups[s][1]).lossAndGradient(e, ge, rel, grel, b);
                results[s] = concat(new double[] {loss}, ge, grel);
            }
        }
        assertArrayEquals(results[0], results[1], "1 and 3 threads");
        assertArrayEquals(results[0], results[2], "one wave and waves of two chunks");
    }

    @Test
    void chunkedDrawsShareOneSideAndOneSetOfNegativesPerChunk() {
        LinkBatch.Draw d = LinkBatch.draw(10, 4, 6, 50, new SplittableRandom(1));
        assertEquals(3, d.corruptTail().length, "chunks of 4, 4 and 2");
        assertEquals(18, d.negatives().length);
        for (int x : d.negatives()) {
            assertEquals(true, x >= 0 && x < 50);
        }
    }

    private static LinkBatch batch(int size, int chunk, int numNegs, SplittableRandom rnd) {
        int[] h = new int[size], r = new int[size], t = new int[size];
        for (int k = 0; k < size; k++) {
            h[k] = rnd.nextInt(ROWS);
            r[k] = rnd.nextInt(RELS);
            t[k] = rnd.nextInt(ROWS);
        }
        LinkBatch.Draw d = LinkBatch.draw(size, chunk, numNegs, ROWS, rnd);
        return new LinkBatch(h, r, t, chunk, numNegs, d.negatives(), d.corruptTail());
    }

    /** Each positive's weights over its chunk's negatives: uniform, or the softmax of temperature * score. */
    private static double[][] weights(double[] e, double[] rel, LinkBatch b, double temperature) {
        double[][] w = new double[b.size()][b.numNegs()];
        for (int k = 0; k < b.size(); k++) {
            double[] s = negativeScores(e, rel, b, k);
            double z = 0;
            for (int x = 0; x < s.length; x++) {
                w[k][x] = temperature > 0 ? Math.exp(temperature * s[x]) : 1;
                z += w[k][x];
            }
            for (int x = 0; x < s.length; x++) {
                w[k][x] /= z;
            }
        }
        return w;
    }

    private static double reference(double[] e, double[] rel, LinkBatch b, double[][] w) {
        double loss = 0;
        for (int k = 0; k < b.size(); k++) {
            loss += softplus(-score(e, rel, b.heads()[k], b.relations()[k], b.tails()[k]));
            double[] s = negativeScores(e, rel, b, k);
            for (int x = 0; x < s.length; x++) {
                loss += w[k][x] * softplus(s[x]);
            }
        }
        return loss / b.size();
    }

    private static double[] negativeScores(double[] e, double[] rel, LinkBatch b, int k) {
        int c = k / b.chunkSize();
        double[] s = new double[b.numNegs()];
        for (int x = 0; x < s.length; x++) {
            int n = b.negatives()[c * b.numNegs() + x];
            s[x] = b.corruptTail()[c] ? score(e, rel, b.heads()[k], b.relations()[k], n)
                    : score(e, rel, n, b.relations()[k], b.tails()[k]);
        }
        return s;
    }

    private static double score(double[] e, double[] rel, int h, int r, int t) {
        double s = 0;
        for (int j = 0; j < DIM; j++) {
            s += e[h * DIM + j] * rel[r * DIM + j] * e[t * DIM + j];
        }
        return s;
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    private static double[] random(int n, SplittableRandom rnd) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextDouble() * 2 - 1;
        }
        return v;
    }

    private static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }
}
