package dev.kiln.bench.gnn;

import dev.kiln.runtime.algorithm.DirectoryAlgorithmContext;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs a built-in algorithm from a benchmark: folders under a root, metrics to stdout, the last value of each kept. */
final class BenchContext extends DirectoryAlgorithmContext {
    final Map<String, Double> lastMetric = new LinkedHashMap<>();

    BenchContext(Path root, Map<String, String> hps, Map<String, Path> channels, int cpus) {
        super("bench", root, hps, channels, cpus, System.out);
    }

    @Override
    protected synchronized void onMetric(String name, double value, Integer epoch) {
        lastMetric.put(name, value);
        super.onMetric(name, value, epoch);
    }
}
