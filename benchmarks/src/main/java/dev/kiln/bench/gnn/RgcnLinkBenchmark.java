package dev.kiln.bench.gnn;

import dev.kiln.gnn.algorithm.RgcnAlgorithm;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * RGCN link prediction (RGCN encoder + DistMult decoder, {@code task=link-predict}) on a standard
 * knowledge graph folder: trains the {@code rgcn} algorithm with the given hyperparameters and prints
 * filtered test MRR and Hits@10 with the wall time.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.kiln.bench.gnn.RgcnLinkBenchmark
 *     [--data ../shared/data/kg/fb15k-237] [--threads 2] [--hp num-epochs=5,num-hidden=100,fanout=10,5]</pre>
 */
public final class RgcnLinkBenchmark {
    private RgcnLinkBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchArgs opt = BenchArgs.parse(args);
        Path data = opt.path("data", "../shared/data/kg/fb15k-237");
        int threads = opt.integer("threads", 2);
        Map<String, String> hp = new LinkedHashMap<>();
        hp.put("task", "link-predict");
        hp.putAll(opt.hyperparametersWithLists()); // fanout=10,5 stays one value
        Path job = opt.path("work", "/tmp/rgcn-link").resolve("job-" + System.nanoTime());
        BenchContext ctx = new BenchContext(job, hp, Map.of("train", data.resolve("train.txt"),
                "validation", data.resolve("valid.txt"), "test", data.resolve("test.txt")), threads);
        long t0 = System.nanoTime();
        new RgcnAlgorithm().train(ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RESULT data=%s hp=%s threads=%d test_mrr=%.4f test_hits@10=%.4f seconds=%.1f%n",
                data.getFileName(), hp, threads, ctx.lastMetric.get("test:mrr"), ctx.lastMetric.get("test:hits@10"),
                seconds);
    }
}
