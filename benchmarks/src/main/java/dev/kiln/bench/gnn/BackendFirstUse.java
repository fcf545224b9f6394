package dev.kiln.bench.gnn;

import dev.kiln.bench.gnn.backend.GraphWorkload;
import dev.kiln.bench.gnn.backend.HotLoops;
import dev.kiln.bench.gnn.backend.KgeWorkload;

/**
 * What a fresh JVM pays before a backend does its first useful work (each training job is a fresh JVM):
 * from {@code main} to the first tiny scoring result, i.e. class loading, native library unpacking and
 * loading, and engine start. Prints one line. Unless set on the command line, native caches go under
 * {@code benchmarks/target/native-cache} and DJL runs offline, as in {@link BackendHotLoopBenchmark}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.kiln.bench.gnn.BackendFirstUse nd4j</pre>
 */
public final class BackendFirstUse {
    private BackendFirstUse() {}

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        String backend = args.length > 0 ? args[0] : "nd4j";
        defaultProperty("ai.djl.offline", "true");
        defaultProperty("OPT_OUT_TRACKING", "true");
        defaultProperty("DJL_CACHE_DIR", "benchmarks/target/native-cache/djl");
        defaultProperty("ENGINE_CACHE_DIR", "benchmarks/target/native-cache/engine");
        defaultProperty("org.bytedeco.javacpp.cachedir", "benchmarks/target/native-cache/javacpp");
        KgeWorkload kge = KgeWorkload.random(100, 10, 8, 4, 4, 4, 8, 1, 1);
        GraphWorkload graph = GraphWorkload.random(10, 2, 20, 4, 2, 1);
        try (HotLoops loops = HotLoops.of(backend, kge, graph, 2)) {
            long t1 = System.nanoTime();
            float[] first = loops.floats(loops.scoreDistMult());
            long t2 = System.nanoTime();
            loops.floats(loops.scoreDistMult());
            long t3 = System.nanoTime();
            System.out.printf("FIRST_USE backend=%s start_ms=%.0f first_op_ms=%.1f second_op_ms=%.2f total_ms=%.0f"
                            + " scores=%d%n", backend, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                    (t2 - t0) / 1e6, first.length);
        }
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
