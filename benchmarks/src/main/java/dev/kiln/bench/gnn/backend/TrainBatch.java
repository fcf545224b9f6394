package dev.kiln.bench.gnn.backend;

import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.gnn.train.LossFunction;
import dev.kiln.gnn.train.SparseOptimizer;
import java.util.Arrays;

/**
 * One training batch in plain Java, step for step what {@code KgeTrainer}'s worker does (tails corrupted):
 * per chunk of positives, one set of shared negatives; per positive, the query once, its scores, the loss and
 * the gradients into one slot per touched row; then one optimiser update per touched row. One instance per
 * thread; the tables and optimisers are shared (Hogwild).
 */
final class TrainBatch {
    private final KgeWorkload w;
    private final KgeModel model;
    private final EmbeddingTable ent;
    private final EmbeddingTable rel;
    private final SparseOptimizer entOpt;
    private final SparseOptimizer relOpt;
    private final LossFunction loss;
    private final Slots entG;
    private final Slots relG;
    private final float[] q;
    private final float[] dq;
    private final float[] negScores;
    private final float[] negGrads;
    private final int[] negSlots;
    private final float[] posGrad = new float[1];

    TrainBatch(KgeWorkload w, KgeModel model, EmbeddingTable ent, EmbeddingTable rel, SparseOptimizer entOpt,
               SparseOptimizer relOpt, LossFunction loss) {
        this.w = w;
        this.model = model;
        this.ent = ent;
        this.rel = rel;
        this.entOpt = entOpt;
        this.relOpt = relOpt;
        this.loss = loss;
        entG = new Slots(w.entities(), w.dim());
        relG = new Slots(w.relations(), w.dim());
        q = new float[w.dim()];
        dq = new float[w.dim()];
        negScores = new float[w.negatives()];
        negGrads = new float[w.negatives()];
        negSlots = new int[w.negatives()];
    }

    /** Trains on pooled batch {@code b}; returns the loss summed over its positives. */
    double run(int b) {
        int[] heads = w.heads()[b], rels = w.rels()[b], tails = w.tails()[b], negs = w.batchNegs()[b];
        float[] E = ent.data(), R = rel.data();
        int n = heads.length, k = w.negatives();
        float scale = 1f / n;
        double lossSum = 0;
        for (int c = 0, chunk = 0; c < n; c += w.chunk(), chunk++) {
            for (int j = 0; j < k; j++) {
                negSlots[j] = entG.slot(negs[chunk * k + j]);
            }
            for (int p = c; p < Math.min(n, c + w.chunk()); p++) {
                int aOff = ent.offset(heads[p]), tOff = ent.offset(tails[p]), rOff = rel.offset(rels[p]);
                model.query(E, aOff, R, rOff, true, q);
                float pos = model.score(q, E, tOff);
                for (int j = 0; j < k; j++) {
                    negScores[j] = model.score(q, E, ent.offset(negs[chunk * k + j]));
                }
                lossSum += loss.apply(pos, negScores, k, posGrad, negGrads);
                int aSlot = entG.slot(heads[p]), tSlot = entG.slot(tails[p]), rSlot = relG.slot(rels[p]);
                float[] G = entG.grads;
                Arrays.fill(dq, 0f);
                model.scoreGradient(q, E, tOff, posGrad[0] * scale, dq, G, tSlot);
                for (int j = 0; j < k; j++) {
                    model.scoreGradient(q, E, ent.offset(negs[chunk * k + j]), negGrads[j] * scale, dq, G, negSlots[j]);
                }
                model.queryGradient(E, aOff, R, rOff, true, q, dq, G, aSlot, relG.grads, rSlot);
            }
        }
        for (int s = 0; s < entG.used; s++) {
            entOpt.update(ent, entG.rows[s], entG.grads, s * w.dim());
        }
        for (int s = 0; s < relG.used; s++) {
            relOpt.update(rel, relG.rows[s], relG.grads, s * w.dim());
        }
        entG.clear();
        relG.clear();
        return lossSum;
    }

    /** A gradient slot per touched row (engine-gnn's RowGradients, which is package-private there). */
    private static final class Slots {
        final int dim;
        final int[] slotOf;
        int[] rows = new int[256];
        float[] grads;
        int used;

        Slots(int numRows, int dim) {
            this.dim = dim;
            slotOf = new int[numRows];
            Arrays.fill(slotOf, -1);
            grads = new float[256 * dim];
        }

        int slot(int row) {
            int s = slotOf[row];
            if (s >= 0) {
                return s * dim;
            }
            if (used == rows.length) {
                rows = Arrays.copyOf(rows, used * 2);
                grads = Arrays.copyOf(grads, used * 2 * dim);
            }
            s = used++;
            slotOf[row] = s;
            rows[s] = row;
            Arrays.fill(grads, s * dim, (s + 1) * dim, 0f);
            return s * dim;
        }

        void clear() {
            for (int i = 0; i < used; i++) {
                slotOf[rows[i]] = -1;
            }
            used = 0;
        }
    }
}
