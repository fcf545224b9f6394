package dev.kiln.bench.gnn;

import dev.kiln.bench.gnn.backend.GraphWorkload;
import dev.kiln.bench.gnn.backend.HotLoops;
import dev.kiln.bench.gnn.backend.KgeWorkload;
import java.io.IOException;
import java.nio.file.Path;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * engine-gnn's hot loops on three compute backends (issue 4): plain Java (what engine-gnn runs), ND4J CPU and
 * DJL with PyTorch CPU, all at FB15k-237 size (14,541 entities, 237 relations, dim 200) and the same thread
 * count. See {@link HotLoops} for what each loop computes.
 * <ul>
 * <li>{@code scoreDistMult}, {@code scoreTransE}: 128 positives x 128 shared negatives, gathers included; per pair.</li>
 * <li>{@code adagradScatter}: 1,000 random entity rows (repeats summed) updated by Adagrad; per row.</li>
 * <li>{@code rgcnMessagePassing}: one RGCN layer over the FB15k-237 gender-task graph (14,541 nodes, 472
 *     relations, 611,172 edges, hidden 16, 10 bases); per layer pass.</li>
 * <li>{@code trainStep}: two DistMult batches of 1,000 positives (chunks of 128 sharing 128 negatives, logistic
 *     loss, backward, Adagrad on touched rows); per positive. Java runs the two batches at once on two threads
 *     (Hogwild, as KgeTrainer did when these were measured; it now splits each batch between threads);
 *     the native backends run them one after the other, each op on two threads.</li>
 * </ul>
 * Native libraries unpack under {@code benchmarks/target/native-cache} (relative to the working directory),
 * DJL runs offline. OpenMP's default spin-waiting collapses both native backends on a machine shared with other
 * work; add {@code OMP_WAIT_POLICY=PASSIVE} to the environment there. Run from the repository root:
 * <pre>java -jar benchmarks/target/benchmarks.jar BackendHotLoopBenchmark -wi 2 -w 1 -i 3 -r 2</pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Dai.djl.offline=true", "-DOPT_OUT_TRACKING=true",
        "-DDJL_CACHE_DIR=benchmarks/target/native-cache/djl",
        "-DENGINE_CACHE_DIR=benchmarks/target/native-cache/engine",
        "-Dorg.bytedeco.javacpp.cachedir=benchmarks/target/native-cache/javacpp"})
@State(Scope.Benchmark)
public class BackendHotLoopBenchmark {
    static final int PAIRS = 128 * 128, ROWS = 1_000, BATCHES = 2, POSITIVES = BATCHES * 1_000;

    @Param({"java", "nd4j", "djl"})
    public String backend;

    @Param({"2"})
    public int threads;

    /** FB15k-237 directory (train/valid/test.txt), relative to the working directory. */
    @Param({"../shared/data/kg/fb15k-237"})
    public String data;

    private HotLoops loops;
    private int step;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        loops = HotLoops.of(backend, KgeWorkload.fb15k237Size(7),
                GraphWorkload.fb15k237Gender(Path.of(data), 16, 10, 11), threads);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loops.close();
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public void scoreDistMult(Blackhole bh) {
        Object r = loops.scoreDistMult();
        bh.consume(r);
        loops.release(r);
    }

    @Benchmark
    @OperationsPerInvocation(PAIRS)
    public void scoreTransE(Blackhole bh) {
        Object r = loops.scoreTransE();
        bh.consume(r);
        loops.release(r);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void adagradScatter() {
        loops.adagradScatter();
    }

    @Benchmark
    public void rgcnMessagePassing(Blackhole bh) {
        Object r = loops.rgcnMessagePassing();
        bh.consume(r);
        loops.release(r);
    }

    @Benchmark
    @OperationsPerInvocation(POSITIVES)
    public double trainStep() {
        double loss = loops.trainSteps(step, BATCHES);
        step += BATCHES;
        return loss;
    }
}
