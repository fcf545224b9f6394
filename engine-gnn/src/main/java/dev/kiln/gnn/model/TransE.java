package dev.kiln.gnn.model;

/**
 * TransE (Bordes et al. 2013): score = -||h + r - t|| with the L1 or L2 norm (not squared, as in
 * DGL-KE and PyG). Corrupting the head the query is t - r, so both directions are a distance
 * between the query and the candidate.
 */
public final class TransE implements KgeModel {
    private static final float EPS = 1e-9f;
    private final int dim;
    private final boolean l1;
    private final double gamma;

    public TransE(int dim, boolean l1, double gamma) {
        this.dim = dim;
        this.l1 = l1;
        this.gamma = gamma;
    }

    @Override
    public String name() {
        return "transe";
    }

    /** Whether the distance is L1 (else L2). */
    public boolean l1() {
        return l1;
    }

    @Override
    public int entityDim() {
        return dim;
    }

    @Override
    public int relationDim() {
        return dim;
    }

    @Override
    public double logisticOffset() {
        return gamma;
    }

    @Override
    public void initialise(EmbeddingTable entities, EmbeddingTable relations, long seed) {
        double bound = (gamma + 2.0) / dim; // DGL-KE's emb_init
        entities.initUniform(bound, seed);
        relations.initUniform(bound, seed + 1);
    }

    @Override
    public void query(float[] ent, int a, float[] rel, int r, boolean corruptTail, float[] q) {
        if (corruptTail) {
            for (int i = 0; i < dim; i++) {
                q[i] = ent[a + i] + rel[r + i];
            }
        } else {
            for (int i = 0; i < dim; i++) {
                q[i] = ent[a + i] - rel[r + i];
            }
        }
    }

    @Override
    public float score(float[] q, float[] ent, int c) {
        float s = 0;
        if (l1) {
            for (int i = 0; i < dim; i++) {
                s += Math.abs(q[i] - ent[c + i]);
            }
            return -s;
        }
        // Independent partial sums break the add dependency chain (see DistMult.score).
        float s1 = 0, s2 = 0, s3 = 0;
        int i = 0;
        for (; i + 3 < dim; i += 4) {
            float d0 = q[i] - ent[c + i], d1 = q[i + 1] - ent[c + i + 1];
            float d2 = q[i + 2] - ent[c + i + 2], d3 = q[i + 3] - ent[c + i + 3];
            s += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < dim; i++) {
            float d = q[i] - ent[c + i];
            s += d * d;
        }
        return (float) -Math.sqrt((s + s1) + (s2 + s3));
    }

    @Override
    public void scoreGradient(float[] q, float[] ent, int c, float g, float[] dq, float[] dCand, int dc) {
        if (l1) {
            for (int i = 0; i < dim; i++) {
                float s = Math.signum(q[i] - ent[c + i]) * g;
                dq[i] -= s;
                dCand[dc + i] += s;
            }
            return;
        }
        float norm = Math.max(-score(q, ent, c), EPS);
        float k = g / norm;
        for (int i = 0; i < dim; i++) {
            float s = (q[i] - ent[c + i]) * k;
            dq[i] -= s;
            dCand[dc + i] += s;
        }
    }

    /** L2: ||q - n|| = sqrt(||q||^2 + ||n||^2 - 2 q.n), so the pairwise dot products carry the work. */
    @Override
    public void scoreBlock(float[][] q, int m, CandidateBlock c, float[][] scores) {
        if (l1) {
            if (Kernels.VECTOR && VectorDistances.fits(dim)) {
                VectorDistances.negL1Distances(q, m, dim, c.rows(), c.size(), scores);
            } else {
                KgeModel.super.scoreBlock(q, m, c, scores);
            }
            return;
        }
        int k = c.size();
        BlockKernels.dots(q, m, dim, c.cols(), k, scores);
        float[] nn = c.sqNorms();
        for (int i = 0; i < m; i++) {
            float[] qi = q[i], si = scores[i];
            float qq = 0;
            for (int l = 0; l < dim; l++) {
                qq += qi[l] * qi[l];
            }
            for (int j = 0; j < k; j++) {
                si[j] = (float) -Math.sqrt(Math.max(qq + nn[j] - 2f * si[j], 0f));
            }
        }
    }

    /**
     * With w = g / ||q_i - n_j||: dq_i -= sum_j w (q_i - n_j) = -(sum_j w) q_i + (W N)_i and
     * dn_j += (W^T Q)_j - (sum_i w) n_j, the same two products as DistMult plus row and column sums.
     */
    @Override
    public void scoreBlockGradient(float[][] q, int m, CandidateBlock c, float[][] scores, float[][] g,
                                   float[][] dq, float[][] dCand) {
        if (l1) {
            if (Kernels.VECTOR && VectorDistances.fits(dim)) {
                VectorDistances.negL1Gradient(q, m, dim, c.rows(), c.size(), g, dq, dCand);
            } else {
                KgeModel.super.scoreBlockGradient(q, m, c, scores, g, dq, dCand);
            }
            return;
        }
        int k = c.size();
        float[][] w = new float[m][Kernels.padded(k)];
        float[] colSum = new float[k];
        for (int i = 0; i < m; i++) {
            float[] wi = w[i], gi = g[i], si = scores[i], qi = q[i], dqi = dq[i];
            float rowSum = 0;
            for (int j = 0; j < k; j++) {
                float v = gi[j] / Math.max(-si[j], EPS);
                wi[j] = v;
                rowSum += v;
                colSum[j] += v;
            }
            for (int l = 0; l < dim; l++) {
                dqi[l] -= rowSum * qi[l];
            }
        }
        BlockKernels.addGradients(w, m, k, c.rows(), q, dim, dq, dCand);
        for (int j = 0; j < k; j++) {
            float[] nj = c.rows()[j], dj = dCand[j];
            for (int l = 0; l < dim; l++) {
                dj[l] -= colSum[j] * nj[l];
            }
        }
    }

    @Override
    public void queryGradient(float[] ent, int a, float[] rel, int r, boolean corruptTail, float[] q, float[] dq,
                              float[] dA, int da, float[] dR, int dr) {
        float sign = corruptTail ? 1f : -1f;
        for (int i = 0; i < dim; i++) {
            dA[da + i] += dq[i];
            dR[dr + i] += sign * dq[i];
        }
    }
}
