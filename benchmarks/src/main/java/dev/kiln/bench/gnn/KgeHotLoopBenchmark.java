package dev.kiln.bench.gnn;

import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.CandidateBlock;
import dev.kiln.gnn.model.DistMult;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.Kernels;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.gnn.model.RotatE;
import dev.kiln.gnn.model.TransE;
import dev.kiln.gnn.train.KgeSetup;
import dev.kiln.gnn.train.KgeTrainer;
import dev.kiln.gnn.train.LossFunction;
import dev.kiln.gnn.train.SparseAdagrad;
import dev.kiln.gnn.train.TrainConfig;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The KGE hot loops in plain Java, at FB15k-237's size (14,541 entities, 237 relations), dim 200:
 * <ul>
 * <li>{@code scoreChunk}: one chunk of 128 positives scored against 128 shared negatives (query built once per
 *     positive); reported per positive-negative pair.</li>
 * <li>{@code scoreChunkAsMatmul}: the same for DistMult written as a blocked (positives x dim) * (dim x negatives)
 *     product, to see whether a GEMM shape (what ND4J/PyTorch would run) beats the per-pair loop.</li>
 * <li>{@code scatterAdagrad}: the sparse update of 1,000 random entity rows from a gradient buffer; per row.</li>
 * <li>{@code trainEpoch}: a full training pass (sampling, scoring, gradients, scatter; KgeTrainer's threads) over
 *     20,000 random triples with batch 1000 and 128 negatives; reported per positive triple.</li>
 * </ul>
 * <pre>java -jar benchmarks/target/benchmarks.jar KgeHotLoopBenchmark</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class KgeHotLoopBenchmark {
    static final int ENTITIES = 14_541, RELATIONS = 237, CHUNK = 128, NEGS = 128, ROWS = 1000, TRIPLES = 20_000;

    @Param({"transe", "distmult", "rotate"})
    public String model;

    @Param({"200"})
    public int dim;

    @Param({"2"})
    public int threads;

    private KgeModel m;
    private EmbeddingTable ent, rel;
    private int[] anchors, relations, negs, rows;
    private float[] q, scores, grad;
    private SparseAdagrad adagrad;
    private KgeTrainer trainer;
    private Triples triples;
    private int epoch;
    private CandidateBlock block;
    private float[][] qRows, blockScores, blockG, dq, dNeg;

    @Setup(Level.Trial)
    public void setUp() {
        m = switch (model) {
            case "transe" -> new TransE(dim, false, 12);
            case "distmult" -> new DistMult(dim, 12);
            default -> new RotatE(dim / 2, 12); // same floats per entity row as the others
        };
        ent = new EmbeddingTable(ENTITIES, m.entityDim());
        rel = new EmbeddingTable(RELATIONS, m.relationDim());
        m.initialise(ent, rel, 1);
        SplittableRandom rnd = new SplittableRandom(2);
        anchors = rnd.ints(CHUNK, 0, ENTITIES).toArray();
        relations = rnd.ints(CHUNK, 0, RELATIONS).toArray();
        negs = rnd.ints(NEGS, 0, ENTITIES).toArray();
        rows = rnd.ints(ROWS, 0, ENTITIES).toArray();
        q = new float[m.entityDim() * CHUNK];
        scores = new float[CHUNK * NEGS];
        grad = new float[ROWS * m.entityDim()];
        for (int i = 0; i < grad.length; i++) {
            grad[i] = (float) (rnd.nextDouble() - 0.5) * 1e-3f;
        }
        adagrad = new SparseAdagrad(ent, 0.1);
        int padded = Kernels.padded(m.entityDim());
        block = new CandidateBlock(m.entityDim(), NEGS);
        qRows = new float[CHUNK][padded];
        blockScores = new float[CHUNK][Kernels.padded(NEGS)];
        blockG = new float[CHUNK][NEGS];
        for (float[] row : blockG) {
            for (int j = 0; j < NEGS; j++) {
                row[j] = (float) (rnd.nextDouble() - 0.5) * 1e-3f; // dense, as the logistic loss's
            }
        }
        dq = new float[CHUNK][padded];
        dNeg = new float[NEGS][padded];
        triples = new Triples(rnd.ints(TRIPLES, 0, ENTITIES).toArray(), rnd.ints(TRIPLES, 0, RELATIONS).toArray(),
                rnd.ints(TRIPLES, 0, ENTITIES).toArray());
        trainer = new KgeTrainer(new KgeSetup(m, ent, rel, new SparseAdagrad(ent, 0.1), new SparseAdagrad(rel, 0.1),
                new LossFunction(LossFunction.Kind.LOGISTIC, 12, m.logisticOffset(), 0),
                new TrainConfig(1000, NEGS, NEGS, 0, 3, threads, 3)));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        trainer.close();
    }

    @Benchmark
    @OperationsPerInvocation(CHUNK * NEGS)
    public float[] scoreChunk() {
        float[] E = ent.data(), R = rel.data();
        int d = m.entityDim();
        float[] one = new float[d];
        for (int i = 0; i < CHUNK; i++) {
            m.query(E, ent.offset(anchors[i]), R, rel.offset(relations[i]), true, one);
            for (int j = 0; j < NEGS; j++) {
                scores[i * NEGS + j] = m.score(one, E, ent.offset(negs[j]));
            }
        }
        return scores;
    }

    @Benchmark
    @OperationsPerInvocation(CHUNK * NEGS)
    public float[] scoreChunkAsMatmul() {
        float[] E = ent.data(), R = rel.data();
        int d = m.entityDim();
        float[] one = new float[d];
        for (int i = 0; i < CHUNK; i++) {
            m.query(E, ent.offset(anchors[i]), R, rel.offset(relations[i]), true, one);
            System.arraycopy(one, 0, q, i * d, d);
        }
        // 4x4 register blocking over (positive, negative) pairs: each loaded value is used four times.
        for (int i = 0; i < CHUNK; i += 4) {
            for (int j = 0; j < NEGS; j += 4) {
                float[] acc = new float[16];
                int[] n = {ent.offset(negs[j]), ent.offset(negs[j + 1]), ent.offset(negs[j + 2]), ent.offset(negs[j + 3])};
                for (int k = 0; k < d; k++) {
                    float q0 = q[i * d + k], q1 = q[(i + 1) * d + k], q2 = q[(i + 2) * d + k], q3 = q[(i + 3) * d + k];
                    for (int b = 0; b < 4; b++) {
                        float e = E[n[b] + k];
                        acc[b] += q0 * e;
                        acc[4 + b] += q1 * e;
                        acc[8 + b] += q2 * e;
                        acc[12 + b] += q3 * e;
                    }
                }
                for (int a = 0; a < 4; a++) {
                    System.arraycopy(acc, a * 4, scores, (i + a) * NEGS + j, 4);
                }
            }
        }
        return scores;
    }

    /**
     * The training path's scoring: the chunk's queries against the gathered shared negatives as one block
     * ({@link KgeModel#scoreBlock}: matrix products for DistMult and L2 TransE, distances for RotatE), on the Vector
     * API kernels when the fork runs with {@code -jvmArgsAppend "--add-modules jdk.incubator.vector"}, else plain Java.
     */
    @Benchmark
    @OperationsPerInvocation(CHUNK * NEGS)
    public float[][] scoreBlock() {
        blockQueries();
        m.scoreBlock(qRows, CHUNK, block, blockScores);
        return blockScores;
    }

    /** {@link #scoreBlock} and the block's backward pass (query and negative gradients), as one training chunk. */
    @Benchmark
    @OperationsPerInvocation(CHUNK * NEGS)
    public float[][] scoreBlockAndGradient() {
        blockQueries();
        m.scoreBlock(qRows, CHUNK, block, blockScores);
        m.scoreBlockGradient(qRows, CHUNK, block, blockScores, blockG, dq, dNeg);
        return dNeg;
    }

    private void blockQueries() {
        float[] E = ent.data(), R = rel.data();
        block.gather(E, negs, NEGS);
        for (int i = 0; i < CHUNK; i++) {
            m.query(E, ent.offset(anchors[i]), R, rel.offset(relations[i]), true, qRows[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public EmbeddingTable scatterAdagrad() {
        int d = m.entityDim();
        for (int i = 0; i < ROWS; i++) {
            adagrad.update(ent, rows[i], grad, i * d);
        }
        return ent;
    }

    @Benchmark
    @OperationsPerInvocation(TRIPLES)
    public double trainEpoch() throws InterruptedException {
        return trainer.epoch(triples, ++epoch, () -> false).meanLoss();
    }
}
