package dev.kiln.gnn.model;

/**
 * A knowledge-graph embedding score function written as "query against candidate": corrupting the
 * tail, the query is built from (head, relation) and every candidate tail is scored against it;
 * corrupting the head, the query comes from (relation, tail). Positives and shared negatives are
 * scored by the same call, and a query is built once per positive however many negatives share it.
 *
 * <p>Scores are "higher is more plausible". Gradient methods add {@code g * d(score)/d(x)} into the
 * given buffers, so a caller passes {@code g = dLoss/dScore}.
 */
public interface KgeModel {

    /** Model name as in AlgorithmName. */
    String name();

    /** Floats per entity row. */
    int entityDim();

    /** Floats per relation row. */
    int relationDim();

    /**
     * The relation table's learning rate over the entities' (1 unless the model's relation rows are stored in
     * different units from the ones its reference implementation optimises; see {@link RotatE}).
     */
    default double relationLrScale() {
        return 1.0;
    }

    /** Added to raw scores before the logistic loss (DGL-KE's gamma for distance models, 0 for DistMult). */
    double logisticOffset();

    /** Initialises the tables (shapes from {@link #entityDim()} and {@link #relationDim()}). */
    void initialise(EmbeddingTable entities, EmbeddingTable relations, long seed);

    /**
     * Builds the query into {@code q[0..entityDim)} from the anchor entity (the head if
     * {@code corruptTail}, else the tail) and the relation.
     */
    void query(float[] ent, int anchorOff, float[] rel, int relOff, boolean corruptTail, float[] q);

    /** Score of a candidate entity row against a query. */
    float score(float[] q, float[] ent, int candOff);

    /** Adds {@code g * dScore/dq} into {@code dq} and {@code g * dScore/dCandidate} into {@code dCand} at {@code dCandOff}. */
    void scoreGradient(float[] q, float[] ent, int candOff, float g, float[] dq, float[] dCand, int dCandOff);

    /** Back-propagates a query gradient into the anchor entity and the relation gradients. */
    void queryGradient(float[] ent, int anchorOff, float[] rel, int relOff, boolean corruptTail, float[] q, float[] dq,
                       float[] dAnchor, int dAnchorOff, float[] dRel, int dRelOff);

    /**
     * Scores queries {@code q[0..m)} ({@link #entityDim()} floats each) against every candidate of the block into
     * {@code scores[i][j]}: the values of {@link #score}, up to float rounding. DistMult and L2 TransE override
     * this with matrix products (BlockKernels); the default loops over pairs.
     */
    default void scoreBlock(float[][] q, int m, CandidateBlock c, float[][] scores) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < c.size(); j++) {
                scores[i][j] = score(q[i], c.rows()[j], 0);
            }
        }
    }

    /**
     * Back-propagates {@code g[i][j]} (dLoss/dScore of query i against candidate j) into the query gradients
     * {@code dq[i]} and the candidate gradients {@code dCand[j]}; {@code scores} are those {@link #scoreBlock}
     * wrote. Pairs with {@code g == 0} may be skipped.
     */
    default void scoreBlockGradient(float[][] q, int m, CandidateBlock c, float[][] scores, float[][] g, float[][] dq,
                                    float[][] dCand) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < c.size(); j++) {
                if (g[i][j] != 0f) {
                    scoreGradient(q[i], c.rows()[j], 0, g[i][j], dq[i], dCand[j], 0);
                }
            }
        }
    }

    /** Keeps parameters in their domain after an update (no-op by default). */
    default void project(EmbeddingTable entities, int row) {}
}
