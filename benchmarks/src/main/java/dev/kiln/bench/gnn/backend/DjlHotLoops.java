package dev.kiln.bench.gnn.backend;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * The hot loops on DJL with the PyTorch engine (libtorch CPU), floats. The training step is written as a DJL
 * user would: gather the rows, mark them as autograd leaves, build the loss, {@code backward}. DJL's NDArray
 * has no index-add, so gradients of repeated rows and RGCN messages are summed by a sparse (COO) matrix
 * product, which libtorch runs natively.
 *
 * <p>Threads: {@code JniUtils.setNumThreads} (torch.set_num_threads, the intra-op pool) is set to
 * {@code threads}; it is process-wide. Each call works in a sub-manager that frees its intermediates on exit.
 */
final class DjlHotLoops implements HotLoops {
    private static final float EPS = 1e-10f;
    // Scalars are passed as floats: a Java double becomes a float64 tensor and would promote 0-d results.
    private final KgeWorkload w;
    private final Engine engine;
    private final NDManager base;
    private final NDArray ent;
    private final NDArray rel;
    private final NDArray entSumSq;
    private final NDArray relSumSq;
    private final NDArray anchors;
    private final NDArray anchorRels;
    private final NDArray chunkNegs;
    private final NDArray scatterGrad;
    private final GraphWorkload g;
    private final NDArray features;
    private final NDArray basisCat;
    private final NDArray coeff;
    private final NDArray edgeRel;
    private final NDArray edgeNorm;
    private final NDArray messageIndex;

    DjlHotLoops(KgeWorkload w, GraphWorkload g, int threads) {
        engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        this.w = w;
        this.g = g;
        base = NDManager.newBaseManager();
        ent = base.create(w.entityInit(), new Shape(w.entities(), w.dim()));
        rel = base.create(w.relationInit(), new Shape(w.relations(), w.dim()));
        entSumSq = base.zeros(new Shape(w.entities(), w.dim()));
        relSumSq = base.zeros(new Shape(w.relations(), w.dim()));
        anchors = longs(w.anchors());
        anchorRels = longs(w.anchorRels());
        chunkNegs = longs(w.chunkNegs());
        scatterGrad = base.create(w.scatterGrad(), new Shape(w.scatterRows().length, w.dim()));
        int h = g.hidden(), nb = g.bases(), e = g.numEdges();
        features = base.create(g.features(), new Shape(g.numNodes(), h));
        float[] cat = new float[h * nb * h];
        for (int b = 0; b < nb; b++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(g.basis(), (b * h + i) * h, cat, i * nb * h + b * h, h);
            }
        }
        basisCat = base.create(cat, new Shape(h, (long) nb * h));
        coeff = base.create(g.coeff(), new Shape(g.numRelations(), nb));
        edgeRel = longs(g.rel());
        edgeNorm = base.create(g.norm(), new Shape(e, 1));
        // Message (edge e, basis b) goes to row dst[e] and reads row src[e] * bases + b of the projections:
        // one COO matrix of nodes x (nodes * bases), entries in (edge, basis) order to match the coefficients.
        long[] rows = new long[e * nb], cols = new long[e * nb];
        for (int k = 0; k < e; k++) {
            for (int b = 0; b < nb; b++) {
                rows[k * nb + b] = g.dst()[k];
                cols[k * nb + b] = (long) g.src()[k] * nb + b;
            }
        }
        messageIndex = base.create(rows).reshape(1, -1).concat(base.create(cols).reshape(1, -1), 0);
    }

    private NDArray longs(int[] ids) {
        return base.create(Arrays.stream(ids).asLongStream().toArray());
    }

    @Override
    public Object scoreDistMult() {
        try (NDManager m = scope()) {
            NDArray q = ent.get(anchors).mul(rel.get(anchorRels));
            return keep(q.matMul(ent.get(chunkNegs).transpose()));
        }
    }

    @Override
    public Object scoreTransE() {
        try (NDManager m = scope()) {
            NDArray q = ent.get(anchors).add(rel.get(anchorRels));
            NDArray n = ent.get(chunkNegs);
            NDArray d2 = q.matMul(n.transpose()).mul(-2)
                    .add(q.square().sum(new int[] {1}, true))
                    .add(n.square().sum(new int[] {1}).expandDims(0));
            return keep(d2.maximum(0).sqrt().neg());
        }
    }

    @Override
    public void adagradScatter() {
        try (NDManager m = scope()) {
            adagrad(m, ent, entSumSq, RowIndex.of(w.entities(), w.scatterRows()), scatterGrad);
        }
    }

    /** Sums gradient rows per distinct row (a COO product), then one Adagrad update per row. */
    private void adagrad(NDManager m, NDArray table, NDArray sumSq, RowIndex idx, NDArray grads) {
        int n = idx.inverse().length;
        long[][] at = new long[2][n];
        for (int i = 0; i < n; i++) {
            at[0][i] = idx.inverse()[i];
            at[1][i] = i;
        }
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        NDArray sum = m.createCoo(FloatBuffer.wrap(ones), at, new Shape(idx.size(), n)).matMul(grads);
        NDIndex rows = new NDIndex("{}", m.create(Arrays.stream(idx.unique()).asLongStream().toArray()));
        NDArray s = sumSq.get(rows).add(sum.square());
        sumSq.set(rows, s);
        table.set(rows, table.get(rows).sub(sum.mul((float) w.learningRate()).div(s.sqrt().add(EPS))));
    }

    @Override
    public Object rgcnMessagePassing() {
        try (NDManager m = scope()) {
            NDArray proj = features.matMul(basisCat).reshape((long) g.numNodes() * g.bases(), g.hidden());
            NDArray c = coeff.get(edgeRel).mul(edgeNorm).reshape(-1);
            NDArray adj = JniUtils.createSparseCoo((PtNDArray) messageIndex, (PtNDArray) c,
                    new Shape(g.numNodes(), (long) g.numNodes() * g.bases()));
            adj.attach(m);
            return keep(adj.matMul(proj));
        }
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
        try (NDManager m = scope()) {
            NDArray a = ent.get(longs(m, heads)), r = rel.get(longs(m, rels)), t = ent.get(longs(m, tails));
            NDArray negRows = ent.get(longs(m, negs));
            for (NDArray leaf : new NDArray[] {a, r, t, negRows}) {
                leaf.setRequiresGradient(true);
            }
            double lossValue;
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray q = a.mul(r);
                NDArray loss = Activation.softPlus(q.mul(t).sum(new int[] {1}).neg()).sum().mul(0.5f);
                for (int lo = 0, chunk = 0; lo < n; lo += c, chunk++) {
                    NDArray s = q.get(lo + ":" + Math.min(n, lo + c))
                            .matMul(negRows.get(chunk * k + ":" + (chunk + 1) * k).transpose());
                    loss = loss.add(Activation.softPlus(s).sum().mul(0.5f / k));
                }
                lossValue = loss.getFloat();
                gc.backward(loss.div((float) n));
            }
            NDArray entGrads = NDArrays.concat(new ai.djl.ndarray.NDList(a.getGradient(), t.getGradient(),
                    negRows.getGradient()));
            adagrad(m, ent, entSumSq, RowIndex.of(w.entities(), heads, tails, negs), entGrads);
            adagrad(m, rel, relSumSq, RowIndex.of(w.relations(), rels), r.getGradient());
            return lossValue;
        }
    }

    private static NDArray longs(NDManager m, int[] ids) {
        return m.create(Arrays.stream(ids).asLongStream().toArray());
    }

    @Override
    public float[] entityRow(int row) {
        try (NDManager m = scope()) {
            return ent.get(row).toFloatArray();
        }
    }

    @Override
    public float[] floats(Object result) {
        NDArray a = (NDArray) result;
        float[] f = a.toFloatArray();
        a.close();
        return f;
    }

    @Override
    public void release(Object result) {
        ((NDArray) result).close();
    }

    @Override
    public void close() {
        base.close();
    }

    /** A manager for one call: the long-lived arrays are attached to it for the call, so results land in it. */
    private NDManager scope() {
        NDManager m = base.newSubManager();
        for (NDArray a : new NDArray[] {ent, rel, entSumSq, relSumSq, anchors, anchorRels, chunkNegs, scatterGrad,
                features, basisCat, coeff, edgeRel, edgeNorm, messageIndex}) {
            a.tempAttach(m);
        }
        return m;
    }

    /** Moves {@code result} out of the call's manager into the base manager; the caller closes it. */
    private NDArray keep(NDArray result) {
        result.attach(base);
        return result;
    }
}
