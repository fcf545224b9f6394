package dev.kiln.bench.gnn;

import dev.kiln.gnn.algorithm.RgcnAlgorithm;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * RGCN node classification on FB15k-237 person gender ({@link GenderTask}): trains the {@code rgcn}
 * algorithm and prints test accuracy and macro F1 against the majority baseline (the train split's
 * most frequent class), wall time and peak heap. benchmarks/python/rgcn_gender_pyg.py runs PyG's
 * RGCNConv on the same files.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.kiln.bench.gnn.RgcnGenderBenchmark
 *     [--data ../shared/data/kg/fb15k-237] [--work /tmp/rgcn-gender] [--threads 2] [--hp num-epochs=50,num-bases=10]</pre>
 */
public final class RgcnGenderBenchmark {
    private RgcnGenderBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchArgs opt = BenchArgs.parse(args);
        Path data = opt.path("data", "../shared/data/kg/fb15k-237");
        Path work = opt.path("work", "/tmp/rgcn-gender");
        int threads = opt.integer("threads", 2);
        Map<String, String> hp = opt.hyperparameters();
        int labelled = GenderTask.write(data, work.resolve("task"));
        double baseline = majorityBaseline(work.resolve("task/labels.tsv"));
        Path job = work.resolve("job-" + System.nanoTime());
        BenchContext ctx = new BenchContext(job, hp, Map.of("train", work.resolve("task/graph.tsv"),
                "labels", work.resolve("task/labels.tsv")), threads);
        long t0 = System.nanoTime();
        new RgcnAlgorithm().train(ctx);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long peakHeap = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peakHeap += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("RESULT labelled=%d hp=%s threads=%d test_accuracy=%.4f test_f1=%.4f majority_baseline=%.4f "
                        + "seconds=%.1f peak_heap_mb=%d%n", labelled, hp, threads, ctx.lastMetric.get("test:accuracy"),
                ctx.lastMetric.get("test:f1"), baseline, seconds, peakHeap >> 20);
    }

    /** Accuracy on the test split of always predicting the train split's most frequent label. */
    static double majorityBaseline(Path labels) throws Exception {
        Map<String, Integer> trainCounts = new HashMap<>();
        List<String[]> rows = Files.readAllLines(labels).stream().map(l -> l.split("\t")).toList();
        rows.stream().filter(f -> f[2].equals("train")).forEach(f -> trainCounts.merge(f[1], 1, Integer::sum));
        String majority = trainCounts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        List<String[]> test = rows.stream().filter(f -> f[2].equals("test")).toList();
        return test.stream().filter(f -> f[1].equals(majority)).count() / (double) test.size();
    }
}
