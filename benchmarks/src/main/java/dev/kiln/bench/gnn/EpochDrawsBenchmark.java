package dev.kiln.bench.gnn;

import dev.kiln.gnn.data.KgDataset;
import dev.kiln.gnn.train.EpochDraws;
import dev.kiln.gnn.train.TrainConfig;
import dev.kiln.gnn.train.TrainingTriples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code filter-negatives} costs: the draws of one FB15k-237 training epoch (272,115 positives in batches of
 * 1,024, 256 negatives per chunk), uniform or filtered against the training answers, for own negatives per positive
 * (the RotatE paper's, the GPU runs') and for chunks of 128. The draws run on one thread, before the CPU trainer's
 * threads or the GPU's kernels take each batch, so this is time added to an epoch.
 * <pre>java -jar benchmarks/target/benchmarks.jar EpochDrawsBenchmark</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class EpochDrawsBenchmark {
    private static final int BATCH = 1024, NEGS = 256;

    @Param({"../shared/data/kg/fb15k-237"})
    public String data;

    @Param({"1", "128"})
    public int chunk;

    @Param({"false", "true"})
    public boolean filter;

    private KgDataset ds;
    private TrainConfig cfg;
    private TrainingTriples training;
    private int[] out;
    private int epoch;

    @Setup
    public void setUp() throws IOException {
        ds = KgDataset.loadStandard(Path.of(data));
        cfg = new TrainConfig(BATCH, NEGS, chunk, 0, 3, 1, 0, filter, false);
        training = TrainingTriples.of(null, cfg, ds.train());
        out = new int[(BATCH + chunk - 1) / chunk * NEGS];
    }

    /** One epoch's draws; returns a drawn id so that the work is not dead code. */
    @Benchmark
    public int epoch() {
        EpochDraws draws = new EpochDraws(cfg, ++epoch, training, ds.numEntities());
        int n = ds.train().size(), sink = 0;
        for (int from = 0, batch = 0; from < n; from += BATCH, batch++) {
            draws.draw(batch, from, Math.min(BATCH, n - from), out, 0);
            sink += out[0];
        }
        return sink;
    }
}
