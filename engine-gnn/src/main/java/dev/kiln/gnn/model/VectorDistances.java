package dev.kiln.gnn.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Block scoring by distances on the Vector API. RotatE's distance between a query and a candidate is a
 * sum of complex moduli, {@code sum_l sqrt((q_l - c_l)^2 + (q_{h+l} - c_{h+l})^2)} over h complex
 * coordinates (real parts first, then imaginary), and L1 TransE's is {@code sum_l |q_l - c_l|}: no
 * matrix products, and C2 leaves the per-pair loops scalar (a float sum may not be reordered). Here 16
 * coordinates go per instruction, and each query vector is loaded once for four candidates. The last, partial vector is read overlapping the one before it
 * (offset h - lanes) with the lanes already counted multiplied by zero, so no coordinate runs scalar
 * for h of at least one vector. Each distance has its own loops rather than one loop over a distance
 * function: vectors passed through a call C2 does not inline are boxed (VectorKernels says what that
 * cost). Only loaded where {@link Kernels#VECTOR} holds.
 */
final class VectorDistances {
    private static final VectorSpecies<Float> WIDE = FloatVector.SPECIES_PREFERRED;
    /** {@code KEEP[x] = x >= lanes ? 1 : 0}: read from offset r, its last r lanes are 1. */
    private static final float[] KEEP = new float[2 * WIDE.length()];

    static {
        for (int x = WIDE.length(); x < KEEP.length; x++) {
            KEEP[x] = 1f;
        }
    }

    private VectorDistances() {}

    /** Whether a row of {@code half} complex coordinates can take this path (at least one whole vector). */
    static boolean fits(int half) {
        return half >= WIDE.length();
    }

    /** {@code s[i][j] = -sum_l |q_i,l - c_j,l|} (complex moduli) for i < m, j < k. */
    static void negDistances(float[][] q, int m, int half, float[][] cand, int k, float[][] s) {
        int lanes = WIDE.length(), full = half / lanes * lanes, rem = half - full;
        FloatVector keep = FloatVector.fromArray(WIDE, KEEP, rem);
        int k4 = k & ~3;
        for (int i = 0; i < m; i++) {
            float[] qi = q[i], si = s[i];
            for (int j = 0; j < k4; j += 4) {
                float[] c0 = cand[j], c1 = cand[j + 1], c2 = cand[j + 2], c3 = cand[j + 3];
                FloatVector a0 = FloatVector.zero(WIDE), a1 = a0, a2 = a0, a3 = a0;
                for (int l = 0; l < full; l += lanes) {
                    FloatVector re = FloatVector.fromArray(WIDE, qi, l), im = FloatVector.fromArray(WIDE, qi, half + l);
                    a0 = a0.add(modulus(re, im, c0, l, half));
                    a1 = a1.add(modulus(re, im, c1, l, half));
                    a2 = a2.add(modulus(re, im, c2, l, half));
                    a3 = a3.add(modulus(re, im, c3, l, half));
                }
                if (rem > 0) {
                    int l = half - lanes;
                    FloatVector re = FloatVector.fromArray(WIDE, qi, l), im = FloatVector.fromArray(WIDE, qi, half + l);
                    a0 = a0.add(modulus(re, im, c0, l, half).mul(keep));
                    a1 = a1.add(modulus(re, im, c1, l, half).mul(keep));
                    a2 = a2.add(modulus(re, im, c2, l, half).mul(keep));
                    a3 = a3.add(modulus(re, im, c3, l, half).mul(keep));
                }
                si[j] = -a0.reduceLanes(VectorOperators.ADD);
                si[j + 1] = -a1.reduceLanes(VectorOperators.ADD);
                si[j + 2] = -a2.reduceLanes(VectorOperators.ADD);
                si[j + 3] = -a3.reduceLanes(VectorOperators.ADD);
            }
            for (int j = k4; j < k; j++) {
                float[] cj = cand[j];
                FloatVector a = FloatVector.zero(WIDE);
                for (int l = 0; l < full; l += lanes) {
                    a = a.add(modulus(FloatVector.fromArray(WIDE, qi, l), FloatVector.fromArray(WIDE, qi, half + l),
                            cj, l, half));
                }
                if (rem > 0) {
                    int l = half - lanes;
                    a = a.add(modulus(FloatVector.fromArray(WIDE, qi, l), FloatVector.fromArray(WIDE, qi, half + l),
                            cj, l, half).mul(keep));
                }
                si[j] = -a.reduceLanes(VectorOperators.ADD);
            }
        }
    }

    /**
     * Adds {@code g[i][j] * d(-distance)/dq} into {@code dq[i]} and {@code g[i][j] * d(-distance)/dc} into
     * {@code dCand[j]}: per coordinate, with w = g / max(modulus, eps), {@code dq -= w (q - c)} and
     * {@code dc += w (q - c)}. Pairs with g = 0 are skipped; two candidate rows may be one array.
     */
    static void negDistanceGradient(float[][] q, int m, int half, float[][] cand, int k, float[][] g, float eps,
                                    float[][] dq, float[][] dCand) {
        int lanes = WIDE.length(), full = half / lanes * lanes, rem = half - full;
        FloatVector keep = FloatVector.fromArray(WIDE, KEEP, rem);
        for (int i = 0; i < m; i++) {
            float[] qi = q[i], gi = g[i], dqi = dq[i];
            for (int j = 0; j < k; j++) {
                float gij = gi[j];
                if (gij == 0f) {
                    continue;
                }
                float[] cj = cand[j], dcj = dCand[j];
                FloatVector gv = FloatVector.broadcast(WIDE, gij);
                for (int l = 0; l < full; l += lanes) {
                    step(qi, cj, l, half, gv, eps, dqi, dcj);
                }
                if (rem > 0) {
                    step(qi, cj, half - lanes, half, gv.mul(keep), eps, dqi, dcj);
                }
            }
        }
    }

    private static FloatVector modulus(FloatVector qre, FloatVector qim, float[] c, int l, int half) {
        FloatVector dr = qre.sub(FloatVector.fromArray(WIDE, c, l));
        FloatVector di = qim.sub(FloatVector.fromArray(WIDE, c, half + l));
        return dr.fma(dr, di.mul(di)).sqrt();
    }

    private static void step(float[] qi, float[] cj, int l, int half, FloatVector gv, float eps, float[] dqi,
                             float[] dcj) {
        FloatVector dr = FloatVector.fromArray(WIDE, qi, l).sub(FloatVector.fromArray(WIDE, cj, l));
        FloatVector di = FloatVector.fromArray(WIDE, qi, half + l).sub(FloatVector.fromArray(WIDE, cj, half + l));
        FloatVector w = gv.div(dr.fma(dr, di.mul(di)).sqrt().max(eps));
        FloatVector sr = dr.mul(w), si = di.mul(w);
        FloatVector.fromArray(WIDE, dqi, l).sub(sr).intoArray(dqi, l);
        FloatVector.fromArray(WIDE, dqi, half + l).sub(si).intoArray(dqi, half + l);
        FloatVector.fromArray(WIDE, dcj, l).add(sr).intoArray(dcj, l);
        FloatVector.fromArray(WIDE, dcj, half + l).add(si).intoArray(dcj, half + l);
    }

    /** {@code s[i][j] = -sum_l |q_i,l - c_j,l|} over d real coordinates (L1 TransE), for i < m, j < k. */
    static void negL1Distances(float[][] q, int m, int d, float[][] cand, int k, float[][] s) {
        int lanes = WIDE.length(), full = d / lanes * lanes, rem = d - full;
        FloatVector keep = FloatVector.fromArray(WIDE, KEEP, rem);
        int k4 = k & ~3;
        for (int i = 0; i < m; i++) {
            float[] qi = q[i], si = s[i];
            for (int j = 0; j < k4; j += 4) {
                float[] c0 = cand[j], c1 = cand[j + 1], c2 = cand[j + 2], c3 = cand[j + 3];
                FloatVector a0 = FloatVector.zero(WIDE), a1 = a0, a2 = a0, a3 = a0;
                for (int l = 0; l < full; l += lanes) {
                    FloatVector x = FloatVector.fromArray(WIDE, qi, l);
                    a0 = a0.add(x.sub(FloatVector.fromArray(WIDE, c0, l)).abs());
                    a1 = a1.add(x.sub(FloatVector.fromArray(WIDE, c1, l)).abs());
                    a2 = a2.add(x.sub(FloatVector.fromArray(WIDE, c2, l)).abs());
                    a3 = a3.add(x.sub(FloatVector.fromArray(WIDE, c3, l)).abs());
                }
                if (rem > 0) {
                    int l = d - lanes;
                    FloatVector x = FloatVector.fromArray(WIDE, qi, l);
                    a0 = a0.add(x.sub(FloatVector.fromArray(WIDE, c0, l)).abs().mul(keep));
                    a1 = a1.add(x.sub(FloatVector.fromArray(WIDE, c1, l)).abs().mul(keep));
                    a2 = a2.add(x.sub(FloatVector.fromArray(WIDE, c2, l)).abs().mul(keep));
                    a3 = a3.add(x.sub(FloatVector.fromArray(WIDE, c3, l)).abs().mul(keep));
                }
                si[j] = -a0.reduceLanes(VectorOperators.ADD);
                si[j + 1] = -a1.reduceLanes(VectorOperators.ADD);
                si[j + 2] = -a2.reduceLanes(VectorOperators.ADD);
                si[j + 3] = -a3.reduceLanes(VectorOperators.ADD);
            }
            for (int j = k4; j < k; j++) {
                float[] cj = cand[j];
                FloatVector a = FloatVector.zero(WIDE);
                for (int l = 0; l < full; l += lanes) {
                    a = a.add(FloatVector.fromArray(WIDE, qi, l).sub(FloatVector.fromArray(WIDE, cj, l)).abs());
                }
                if (rem > 0) {
                    int l = d - lanes;
                    a = a.add(FloatVector.fromArray(WIDE, qi, l).sub(FloatVector.fromArray(WIDE, cj, l)).abs()
                            .mul(keep));
                }
                si[j] = -a.reduceLanes(VectorOperators.ADD);
            }
        }
    }

    /**
     * Adds {@code g[i][j] * d(-L1 distance)}: per coordinate {@code dq -= g sign(q - c)} and {@code dc += g sign(q - c)},
     * with sign(0) = 0 as {@link Math#signum}. Pairs with g = 0 are skipped; two candidate rows may be one array.
     */
    static void negL1Gradient(float[][] q, int m, int d, float[][] cand, int k, float[][] g, float[][] dq,
                              float[][] dCand) {
        int lanes = WIDE.length(), full = d / lanes * lanes, rem = d - full;
        FloatVector keep = FloatVector.fromArray(WIDE, KEEP, rem);
        for (int i = 0; i < m; i++) {
            float[] qi = q[i], gi = g[i], dqi = dq[i];
            for (int j = 0; j < k; j++) {
                float gij = gi[j];
                if (gij == 0f) {
                    continue;
                }
                float[] cj = cand[j], dcj = dCand[j];
                FloatVector gv = FloatVector.broadcast(WIDE, gij);
                for (int l = 0; l < full; l += lanes) {
                    signStep(qi, cj, l, gv, dqi, dcj);
                }
                if (rem > 0) {
                    signStep(qi, cj, d - lanes, gv.mul(keep), dqi, dcj);
                }
            }
        }
    }

    private static void signStep(float[] qi, float[] cj, int l, FloatVector gv, float[] dqi, float[] dcj) {
        FloatVector diff = FloatVector.fromArray(WIDE, qi, l).sub(FloatVector.fromArray(WIDE, cj, l));
        VectorMask<Float> pos = diff.compare(VectorOperators.GT, 0f), neg = diff.compare(VectorOperators.LT, 0f);
        FloatVector sv = FloatVector.zero(WIDE).blend(gv, pos).blend(gv.neg(), neg);
        FloatVector.fromArray(WIDE, dqi, l).sub(sv).intoArray(dqi, l);
        FloatVector.fromArray(WIDE, dcj, l).add(sv).intoArray(dcj, l);
    }
}
