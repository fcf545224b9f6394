package dev.kiln.bench.gnn.backend;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.api.ops.impl.transforms.segment.UnsortedSegmentSum;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The hot loops on ND4J's CPU backend (libnd4j with OpenMP, OpenBLAS for GEMM), floats. ND4J has no
 * autograd outside SameDiff, so the training step writes its gradients as explicit GEMMs. Gathers are
 * the {@code gather} op, index-add is {@code unsorted_segment_sum}, row writes are {@code scatter_upd}.
 *
 * <p>Threads: {@code Environment.setMaxThreads} / {@code setMaxMasterThreads} (libnd4j's OpenMP pool) and
 * {@code Blas.setMaxThreads} (OpenBLAS) are set to {@code threads}. They are process-wide.
 */
final class Nd4jHotLoops implements HotLoops {
    private static final float EPS = 1e-10f;
    private final KgeWorkload w;
    private final INDArray ent;
    private final INDArray rel;
    private final INDArray entSumSq;
    private final INDArray relSumSq;
    private final int[] anchors;
    private final int[] anchorRels;
    private final int[] chunkNegs;
    private final INDArray scatterGrad;
    // RGCN: features, bases side by side (hidden x bases*hidden), per-edge coefficients' inputs
    private final GraphWorkload g;
    private final INDArray features;
    private final INDArray basisCat;
    private final INDArray coeff;
    private final INDArray edgeNorm;
    private final INDArray edgeDst;
    private final int[] edgeRel;
    private final INDArray[] projRows;

    Nd4jHotLoops(KgeWorkload w, GraphWorkload g, int threads) {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.factory().blas().setMaxThreads(threads);
        this.w = w;
        ent = Nd4j.create(w.entityInit().clone(), new long[] {w.entities(), w.dim()}, 'c');
        rel = Nd4j.create(w.relationInit().clone(), new long[] {w.relations(), w.dim()}, 'c');
        entSumSq = Nd4j.zeros(DataType.FLOAT, w.entities(), w.dim());
        relSumSq = Nd4j.zeros(DataType.FLOAT, w.relations(), w.dim());
        anchors = w.anchors();
        anchorRels = w.anchorRels();
        chunkNegs = w.chunkNegs();
        scatterGrad = Nd4j.create(w.scatterGrad(), new long[] {w.scatterRows().length, w.dim()}, 'c');
        this.g = g;
        int h = g.hidden(), nb = g.bases();
        features = Nd4j.create(g.features(), new long[] {g.numNodes(), h}, 'c');
        float[] cat = new float[h * nb * h];
        for (int b = 0; b < nb; b++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(g.basis(), (b * h + i) * h, cat, i * nb * h + b * h, h);
            }
        }
        basisCat = Nd4j.create(cat, new long[] {h, (long) nb * h}, 'c');
        coeff = Nd4j.create(g.coeff(), new long[] {g.numRelations(), nb}, 'c');
        edgeNorm = Nd4j.create(g.norm(), new long[] {g.numEdges(), 1}, 'c');
        edgeDst = Nd4j.createFromArray(g.dst());
        edgeRel = g.rel();
        // Node n's projection by basis b is row n * bases + b of the (nodes * bases) x hidden view.
        projRows = new INDArray[nb];
        for (int b = 0; b < nb; b++) {
            int[] rows = new int[g.numEdges()];
            for (int e = 0; e < g.numEdges(); e++) {
                rows[e] = g.src()[e] * nb + b;
            }
            projRows[b] = Nd4j.createFromArray(rows);
        }
    }

    @Override
    public Object scoreDistMult() {
        INDArray q = gather(ent, anchors).muli(gather(rel, anchorRels));
        return q.mmul(gather(ent, chunkNegs).transpose());
    }

    @Override
    public Object scoreTransE() {
        INDArray q = gather(ent, anchors).addi(gather(rel, anchorRels));
        INDArray n = gather(ent, chunkNegs);
        // ||q - n||^2 = ||q||^2 + ||n||^2 - 2 q.n: one GEMM instead of chunk x negatives difference vectors
        INDArray d2 = q.mmul(n.transpose()).muli(-2)
                .addiColumnVector(q.mul(q).sum(1).reshape(q.rows(), 1))
                .addiRowVector(n.mul(n).sum(1).reshape(1, n.rows()));
        return Transforms.sqrt(Transforms.max(d2, 0, false), false).negi();
    }

    @Override
    public void adagradScatter() {
        adagrad(ent, entSumSq, RowIndex.of(w.entities(), w.scatterRows()), scatterGrad);
    }

    /** Sums gradient rows per distinct row, then one Adagrad update per row. */
    private void adagrad(INDArray table, INDArray sumSq, RowIndex idx, INDArray grads) {
        INDArray g = Nd4j.exec(new UnsortedSegmentSum(grads, Nd4j.createFromArray(idx.inverse()), idx.size()))[0];
        INDArray rows = Nd4j.createFromArray(idx.unique());
        INDArray s = gather(sumSq, idx.unique()).addi(g.mul(g));
        INDArray v = gather(table, idx.unique())
                .subi(g.muli(w.learningRate()).divi(Transforms.sqrt(s, true).addi(EPS)));
        writeRows(sumSq, rows, s);
        writeRows(table, rows, v);
    }

    /** Rows {@code ids} of {@code table}; the gather op, as {@code Nd4j.pullRows} measured 100x slower. */
    private static INDArray gather(INDArray table, int[] ids) {
        return gather(table, Nd4j.createFromArray(ids));
    }

    private static INDArray gather(INDArray table, INDArray ids) {
        return Nd4j.exec(new Gather(table, ids, 0))[0];
    }

    private static void writeRows(INDArray table, INDArray rows, INDArray values) {
        // scatter_upd with the table as its own output: rows written in place
        Nd4j.exec(DynamicCustomOp.builder("scatter_upd").addInputs(table, rows, values).addOutputs(table).build());
    }

    @Override
    public Object rgcnMessagePassing() {
        int nb = g.bases(), h = g.hidden();
        INDArray proj = features.mmul(basisCat).reshape('c', (long) g.numNodes() * nb, h);
        INDArray c = gather(coeff, edgeRel).muliColumnVector(edgeNorm);
        INDArray messages = null;
        for (int b = 0; b < nb; b++) {
            INDArray m = gather(proj, projRows[b]).muliColumnVector(c.getColumn(b).reshape(g.numEdges(), 1));
            messages = messages == null ? m : messages.addi(m);
        }
        return Nd4j.exec(new UnsortedSegmentSum(messages, edgeDst, g.numNodes()))[0];
    }

    @Override
    public double trainSteps(int first, int batches) {
        double sum = 0;
        for (int b = 0; b < batches; b++) {
            sum += trainBatch((first + b) % w.pooledBatches());
        }
        return sum;
    }

    private double trainBatch(int b) {
        int[] heads = w.heads()[b], rels = w.rels()[b], tails = w.tails()[b], negs = w.batchNegs()[b];
        int n = heads.length, k = w.negatives(), c = w.chunk();
        double scale = 1.0 / n;
        INDArray a = gather(ent, heads), r = gather(rel, rels), t = gather(ent, tails);
        INDArray negRows = gather(ent, negs);
        INDArray q = a.mul(r);
        INDArray pos = q.mul(t).sum(1).reshape(n, 1);
        // logistic loss: 0.5 softplus(-pos) + 0.5/k sum_j softplus(neg_j); dLoss/dpos = -0.5 sigmoid(-pos)
        double loss = 0.5 * Transforms.softPlus(pos.neg(), false).sumNumber().doubleValue();
        INDArray gPos = Transforms.sigmoid(pos.neg(), false).muli(-0.5 * scale);
        INDArray dq = t.mulColumnVector(gPos);
        INDArray dt = q.mulColumnVector(gPos);
        INDArray dNeg = Nd4j.create(DataType.FLOAT, negs.length, w.dim());
        for (int lo = 0, chunk = 0; lo < n; lo += c, chunk++) {
            int hi = Math.min(n, lo + c);
            INDArray qc = q.get(NDArrayIndex.interval(lo, hi), NDArrayIndex.all());
            INDArray nc = negRows.get(NDArrayIndex.interval(chunk * k, (chunk + 1) * k), NDArrayIndex.all());
            INDArray s = qc.mmul(nc.transpose());
            loss += 0.5 / k * Transforms.softPlus(s, true).sumNumber().doubleValue();
            INDArray gNeg = Transforms.sigmoid(s, false).muli(0.5 / k * scale);
            dq.get(NDArrayIndex.interval(lo, hi), NDArrayIndex.all()).addi(gNeg.mmul(nc));
            dNeg.get(NDArrayIndex.interval(chunk * k, (chunk + 1) * k), NDArrayIndex.all()).assign(gNeg.transpose().mmul(qc));
        }
        INDArray da = dq.mul(r), dr = dq.mul(a);
        adagrad(ent, entSumSq, RowIndex.of(w.entities(), heads, tails, negs), Nd4j.vstack(da, dt, dNeg));
        adagrad(rel, relSumSq, RowIndex.of(w.relations(), rels), dr);
        return loss;
    }

    @Override
    public float[] entityRow(int row) {
        return ent.getRow(row).toFloatVector();
    }

    @Override
    public float[] floats(Object result) {
        return ((INDArray) result).dup('c').data().asFloat();
    }

    @Override
    public void close() {
        // Off-heap buffers are freed by ND4J's deallocator when these arrays become unreachable.
    }
}
