package dev.kiln.gnn.model;

/**
 * RotatE (Sun et al. 2019): entities are complex vectors (row = d real parts then d imaginary
 * parts), relations are rotations stored as d phases, so their modulus is 1 by construction.
 * score = -sum_i |h_i * r_i - t_i|; corrupting the head the query is t * conj(r), which has the
 * same distance to the true head because |r_i| = 1.
 */
public final class RotatE implements KgeModel {
    private static final float EPS = 1e-9f;
    private final int dim;
    private final double gamma;

    /** {@code dim} is the complex dimension; entity rows hold {@code 2 * dim} floats. */
    public RotatE(int dim, double gamma) {
        this.dim = dim;
        this.gamma = gamma;
    }

    @Override
    public String name() {
        return "rotate";
    }

    @Override
    public int entityDim() {
        return 2 * dim;
    }

    @Override
    public int relationDim() {
        return dim;
    }

    @Override
    public double logisticOffset() {
        return gamma;
    }

    /**
     * The RotatE paper's code and DGL-KE (what Neptune ML runs) optimise a relation as r with phase = r * pi / e,
     * e = (gamma + 2) / dim, r drawn in [-e, e]. Adagrad and Adam steps do not depend on the gradient's scale, so
     * optimising the phase itself with the learning rate times pi / e takes the same steps (their epsilon aside):
     * a learning rate means here what it means there, and the stored rows stay phases in radians.
     */
    @Override
    public double relationLrScale() {
        return Math.PI / ((gamma + 2.0) / dim);
    }

    @Override
    public void initialise(EmbeddingTable entities, EmbeddingTable relations, long seed) {
        entities.initUniform((gamma + 2.0) / dim, seed);
        relations.initUniform(Math.PI, seed + 1);
    }

    @Override
    public void query(float[] ent, int a, float[] rel, int r, boolean corruptTail, float[] q) {
        float sign = corruptTail ? 1f : -1f; // conj(r) for the head direction
        for (int i = 0; i < dim; i++) {
            float re = ent[a + i], im = ent[a + dim + i];
            float c = (float) Math.cos(rel[r + i]), s = sign * (float) Math.sin(rel[r + i]);
            q[i] = re * c - im * s;
            q[dim + i] = re * s + im * c;
        }
    }

    @Override
    public float score(float[] q, float[] ent, int c) {
        float s = 0;
        for (int i = 0; i < dim; i++) {
            float dr = q[i] - ent[c + i], di = q[dim + i] - ent[c + dim + i];
            s += (float) Math.sqrt(dr * dr + di * di);
        }
        return -s;
    }

    @Override
    public void scoreGradient(float[] q, float[] ent, int c, float g, float[] dq, float[] dCand, int dc) {
        for (int i = 0; i < dim; i++) {
            float dr = q[i] - ent[c + i], di = q[dim + i] - ent[c + dim + i];
            float k = g / Math.max((float) Math.sqrt(dr * dr + di * di), EPS);
            dq[i] -= dr * k;
            dq[dim + i] -= di * k;
            dCand[dc + i] += dr * k;
            dCand[dc + dim + i] += di * k;
        }
    }

    /** The Vector API kernels where this JVM has them ({@link VectorDistances}), else the per-pair loops. */
    @Override
    public void scoreBlock(float[][] q, int m, CandidateBlock c, float[][] scores) {
        if (Kernels.VECTOR && VectorDistances.fits(dim)) {
            VectorDistances.negDistances(q, m, dim, c.rows(), c.size(), scores);
        } else {
            KgeModel.super.scoreBlock(q, m, c, scores);
        }
    }

    @Override
    public void scoreBlockGradient(float[][] q, int m, CandidateBlock c, float[][] scores, float[][] g,
                                   float[][] dq, float[][] dCand) {
        if (Kernels.VECTOR && VectorDistances.fits(dim)) {
            VectorDistances.negDistanceGradient(q, m, dim, c.rows(), c.size(), g, EPS, dq, dCand);
        } else {
            KgeModel.super.scoreBlockGradient(q, m, c, scores, g, dq, dCand);
        }
    }

    @Override
    public void queryGradient(float[] ent, int a, float[] rel, int r, boolean corruptTail, float[] q, float[] dq,
                              float[] dA, int da, float[] dR, int dr) {
        float sign = corruptTail ? 1f : -1f;
        for (int i = 0; i < dim; i++) {
            float c = (float) Math.cos(rel[r + i]), s = sign * (float) Math.sin(rel[r + i]);
            float gr = dq[i], gi = dq[dim + i];
            // q = a * (c + i s): the anchor's gradient is dq rotated back by conj.
            dA[da + i] += gr * c + gi * s;
            dA[da + dim + i] += -gr * s + gi * c;
            // dq/dtheta = sign * (-q_im, q_re)
            dR[dr + i] += sign * (-gr * q[dim + i] + gi * q[i]);
        }
    }
}
