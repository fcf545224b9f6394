package dev.kiln.gnn.cuda;

import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.DistMult;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.gnn.model.RotatE;
import dev.kiln.gnn.model.TransE;
import dev.kiln.gnn.train.EpochDraws;
import dev.kiln.gnn.train.EpochTrainer;
import dev.kiln.gnn.train.KgeSetup;
import dev.kiln.gnn.train.LossFunction;
import dev.kiln.gnn.train.SparseOptimizer;
import dev.kiln.gnn.train.SubsamplingWeights;
import dev.kiln.gnn.train.TrainConfig;
import dev.kiln.gnn.train.TrainingTriples;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Trains a knowledge-graph embedding model on one GPU: the tables, their optimiser state and the training triples
 * live on the device for the whole job, and each batch is six kernel launches (kge.cu says which; seven with
 * subsampling weights) with nothing copied but the epoch's order, negatives and subsampling factors. The batches,
 * their corrupted sides and their negatives are the ones {@link dev.kiln.gnn.train.KgeTrainer} draws (same seeds,
 * same order of draws), so a GPU epoch computes what a CPU epoch computes on any number of threads, up to float
 * rounding and the order of the gradient sums.
 * The host's tables and optimiser state are read at the start (a resumed job's checkpoint) and written back by
 * {@link #sync()}.
 */
public final class CudaKgeTrainer implements EpochTrainer {
    /** kge.cu's MODEL_* codes. */
    static final int DISTMULT = 0, TRANSE_L2 = 1, TRANSE_L1 = 2, ROTATE = 3;
    private static final int BLOCK = 128;
    private static final int WIDE_BLOCK = 256;
    /** The negatives drawn ahead and copied to the device at once: at most this many ints. */
    private static final int NEGATIVE_WINDOW = 1 << 22;
    /**
     * Set (as the GPU tests do) to train with the kernels that have not yet been run on a GPU: kge_loss_softmax
     * (loss=softmax) and kge_weigh (subsampling-weight). They were built with the nvcc that built the verified
     * kernels, whose PTX they leave unchanged, and assembled for sm_75 and sm_90; without a run on a GPU a job
     * with either option trains on the CPU (KgeBackend's fallback), which is tested.
     */
    public static final String UNVERIFIED_KERNELS = "kiln.gpu.unverifiedKernels";

    private final CudaDevice device;
    private final int model;
    private final EmbeddingTable entities;
    private final EmbeddingTable relations;
    private final SparseOptimizer entityOpt;
    private final SparseOptimizer relationOpt;
    private final LossFunction loss;
    private final TrainConfig cfg;
    private final List<DeviceBuffer> buffers = new ArrayList<>();
    private final DeviceBuffer E;
    private final DeviceBuffer R;
    private final DeviceBuffer gradE;
    private final DeviceBuffer gradR;
    private final DeviceBuffer touchedE;
    private final DeviceBuffer touchedR;
    private final DeviceBuffer[] stateE;
    private final DeviceBuffer[] stateR;
    private final DeviceBuffer stepsE;
    private final DeviceBuffer stepsR;
    private final DeviceBuffer queries;
    private final DeviceBuffer scores;
    private final DeviceBuffer scoreGrads;
    private final DeviceBuffer lossSum;
    /** Negatives a full batch draws (its chunks times num-negs): the stride of a batch's negatives in the window. */
    private final int perBatch;
    private final DeviceBuffer negatives;
    private final int[] hostNegatives;
    private final DeviceBuffer factors;
    private final float[] hostFactors;
    private Triples uploaded;
    private TrainingTriples training;
    private DeviceBuffer heads;
    private DeviceBuffer rels;
    private DeviceBuffer tails;
    private DeviceBuffer order;

    /**
     * Copies the tables and the optimisers' state to {@code device}, which stays open when the trainer closes.
     *
     * @throws IllegalArgumentException for a model or loss without GPU kernels
     */
    public CudaKgeTrainer(CudaDevice device, KgeSetup setup) {
        this.device = device;
        this.model = modelCode(setup.model());
        this.entities = setup.entities();
        this.relations = setup.relations();
        this.entityOpt = setup.entityOpt();
        this.relationOpt = setup.relationOpt();
        this.loss = setup.loss();
        this.cfg = setup.cfg();
        if (!entityOpt.name().equals(relationOpt.name())) {
            throw new IllegalArgumentException("both tables need the same optimizer");
        }
        String unverified = loss.kind() == LossFunction.Kind.SOFTMAX ? "loss=softmax"
                : cfg.subsamplingWeight() ? "subsampling-weight" : null;
        if (unverified != null && !Boolean.getBoolean(UNVERIFIED_KERNELS)) {
            // KgeBackend then trains on the CPU and says so.
            throw new IllegalArgumentException(unverified + ": its GPU kernel has not been run on a GPU yet");
        }
        device.use();
        E = keep(DeviceBuffer.of(entities.data()));
        R = keep(DeviceBuffer.of(relations.data()));
        gradE = keep(DeviceBuffer.of4(entities.data().length));
        gradR = keep(DeviceBuffer.of4(relations.data().length));
        touchedE = keep(DeviceBuffer.of4(entities.rows()));
        touchedR = keep(DeviceBuffer.of4(relations.rows()));
        stateE = upload(entityOpt.state());
        stateR = upload(relationOpt.state());
        int[] se = entityOpt.rowSteps(), sr = relationOpt.rowSteps();
        stepsE = keep(se == null ? DeviceBuffer.of4(1) : DeviceBuffer.of(se));
        stepsR = keep(sr == null ? DeviceBuffer.of4(1) : DeviceBuffer.of(sr));
        int b = cfg.batchSize(), k = cfg.numNegs();
        queries = keep(DeviceBuffer.of4((long) b * entities.dim()));
        scores = keep(DeviceBuffer.of4((long) b * (k + 1)));
        scoreGrads = keep(DeviceBuffer.of4((long) b * (k + 1)));
        lossSum = keep(DeviceBuffer.ofDoubles(1));
        perBatch = (b + cfg.negChunkSize() - 1) / cfg.negChunkSize() * k;
        int window = (int) Math.max(perBatch, Math.min(NEGATIVE_WINDOW, (long) perBatch * 64));
        negatives = keep(DeviceBuffer.of4(window));
        hostNegatives = new int[window];
        // Each batch of the window gets b factors at b * (its place in the window).
        hostFactors = new float[cfg.subsamplingWeight() ? window / perBatch * b : 1];
        factors = keep(DeviceBuffer.of4(hostFactors.length));
    }

    /** The kernels' model code (kge.cu's MODEL_*). */
    static int modelCode(KgeModel model) {
        if (model instanceof DistMult) {
            return DISTMULT;
        }
        if (model instanceof TransE t) {
            return t.l1() ? TRANSE_L1 : TRANSE_L2;
        }
        if (model instanceof RotatE) {
            return ROTATE;
        }
        throw new IllegalArgumentException("no GPU kernels for " + model.name());
    }

    @Override
    public EpochResult epoch(Triples train, int epoch, BooleanSupplier stop) {
        device.use();
        uploadTriples(train);
        training = TrainingTriples.of(training, cfg, train);
        EpochDraws draws = new EpochDraws(cfg, epoch, training, entities.rows());
        int[] perm = draws.order();
        float[] weights = training.weights();
        order.upload(perm, perm.length);
        lossSum.zero();
        int b = cfg.batchSize();
        int batchesPerWindow = hostNegatives.length / perBatch;
        long done = 0;
        boolean complete = true;
        for (int from = 0, batch = 0; from < perm.length && complete; ) {
            // Draw a window of batches' sides and negatives (and subsampling factors), copy them over, then launch
            // those batches.
            List<Batch> window = new ArrayList<>();
            for (int f = from; f < perm.length && window.size() < batchesPerWindow; f += b) {
                int m = Math.min(perm.length, f + b) - f, offset = window.size() * perBatch;
                if (weights != null) {
                    SubsamplingWeights.factors(weights, perm, f, m, hostFactors, window.size() * b);
                }
                window.add(new Batch(f, m, draws.draw(batch + window.size(), f, m, hostNegatives, offset), offset,
                        window.size() * b));
            }
            negatives.upload(hostNegatives, window.size() * perBatch);
            if (weights != null) {
                factors.upload(hostFactors, window.size() * b);
            }
            for (Batch w : window) {
                if (stop.getAsBoolean()) {
                    complete = false;
                    break;
                }
                step(w, weights != null);
                done += w.positives();
                batch++;
            }
            from += window.size() * b;
        }
        double[] sum = new double[1];
        lossSum.download(sum);
        return new EpochResult(done == 0 ? Double.NaN : sum[0] / done, done, complete && !stop.getAsBoolean());
    }

    /**
     * A drawn batch: positives perm[from..from+positives), its negatives from element negOffset of the window, its
     * subsampling factors (if any) from element factorOffset.
     */
    private record Batch(int from, int positives, boolean corruptTail, int negOffset, int factorOffset) {}

    /** One batch; {@code weighted}: its factors scale its positives' score gradients (kge_weigh). */
    private void step(Batch batch, boolean weighted) {
        int from = batch.from(), m = batch.positives(), negOffset = batch.negOffset();
        boolean corruptTail = batch.corruptTail();
        int de = entities.dim(), dr = relations.dim(), k = cfg.numNegs(), chunk = cfg.negChunkSize();
        int nc = model == ROTATE ? de / 2 : de; // RotatE's threads each take a complex coordinate
        int coordBlocks = (nc + BLOCK - 1) / BLOCK;
        float scale = 1f / m;
        DeviceBuffer.View ord = order.at(from), negs = negatives.at(negOffset);
        device.launch("kge_query", grid((long) m * nc, WIDE_BLOCK), 1, WIDE_BLOCK,
                model, E, R, de, dr, heads, rels, tails, ord, m, corruptTail, queries);
        device.launch("kge_score", grid((long) m * (k + 1) * 32, WIDE_BLOCK), 1, WIDE_BLOCK,
                model, E, de, queries, negs, k, chunk, heads, tails, ord, m, corruptTail, scores);
        if (loss.kind() == LossFunction.Kind.SOFTMAX) {
            device.launch("kge_loss_softmax", grid((long) m * 32, WIDE_BLOCK), 1, WIDE_BLOCK,
                    scores, scoreGrads, k, m, scale, lossSum);
        } else {
            device.launch("kge_loss", grid((long) m * 32, WIDE_BLOCK), 1, WIDE_BLOCK,
                    loss.kind() == LossFunction.Kind.MARGIN ? 1 : 0, (float) loss.gamma(), (float) loss.offset(),
                    (float) loss.adversarialTemperature(), scores, scoreGrads, k, m, scale, lossSum);
        }
        if (weighted) {
            device.launch("kge_weigh", grid((long) m * (k + 1), WIDE_BLOCK), 1, WIDE_BLOCK,
                    factors.at(batch.factorOffset()), scoreGrads, k, m);
        }
        device.launch("kge_query_grad", m, coordBlocks, BLOCK,
                model, E, R, de, dr, queries, scores, scoreGrads, negs, k, chunk, heads, rels, tails, ord, corruptTail,
                (float) cfg.regularizationCoef() * scale, cfg.regularizationNorm(), gradE, gradR, touchedE, touchedR);
        int chunks = (m + chunk - 1) / chunk;
        device.launch("kge_neg_grad", chunks * k, coordBlocks, BLOCK,
                model, E, de, queries, scores, scoreGrads, negs, k, chunk, m, gradE, touchedE);
        update(entityOpt, E, gradE, touchedE, entities, stateE, stepsE);
        update(relationOpt, R, gradR, touchedR, relations, stateR, stepsR);
    }

    private void update(SparseOptimizer opt, DeviceBuffer w, DeviceBuffer grad, DeviceBuffer touched,
                        EmbeddingTable table, DeviceBuffer[] state, DeviceBuffer steps) {
        boolean adam = opt.name().equals("adam");
        device.launch("kge_update", table.rows(), 1, BLOCK, adam ? 1 : 0, w, grad, touched, table.rows(), table.dim(),
                (float) opt.lr(), state[0], adam ? state[1] : state[0], steps);
    }

    /** Blocks of {@code block} threads for {@code threads} threads, capped (the kernels stride over the rest). */
    private static int grid(long threads, int block) {
        return (int) Math.max(1, Math.min((threads + block - 1) / block, 1 << 20));
    }

    private void uploadTriples(Triples train) {
        if (train == uploaded) {
            return;
        }
        for (DeviceBuffer old : new DeviceBuffer[] {heads, rels, tails, order}) {
            if (old != null) {
                buffers.remove(old);
                old.close();
            }
        }
        heads = keep(DeviceBuffer.of(train.heads()));
        rels = keep(DeviceBuffer.of(train.relations()));
        tails = keep(DeviceBuffer.of(train.tails()));
        order = keep(DeviceBuffer.of4(train.size()));
        uploaded = train;
    }

    @Override
    public void sync() {
        device.use();
        E.download(entities.data());
        R.download(relations.data());
        download(entityOpt, stateE, stepsE);
        download(relationOpt, stateR, stepsR);
    }

    private static void download(SparseOptimizer opt, DeviceBuffer[] state, DeviceBuffer steps) {
        float[][] host = opt.state();
        for (int i = 0; i < host.length; i++) {
            state[i].download(host[i]);
        }
        if (opt.rowSteps() != null) {
            steps.download(opt.rowSteps());
        }
    }

    private DeviceBuffer[] upload(float[][] host) {
        DeviceBuffer[] d = new DeviceBuffer[host.length];
        for (int i = 0; i < host.length; i++) {
            d[i] = keep(DeviceBuffer.of(host[i]));
        }
        return d;
    }

    private DeviceBuffer keep(DeviceBuffer b) {
        buffers.add(b);
        return b;
    }

    @Override
    public String description() {
        return device.description();
    }

    /** Frees the device memory; the device stays open (its owner closes it). */
    @Override
    public void close() {
        device.use();
        for (DeviceBuffer b : buffers) {
            b.close();
        }
        buffers.clear();
    }
}
