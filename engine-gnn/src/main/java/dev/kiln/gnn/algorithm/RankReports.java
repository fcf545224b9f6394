package dev.kiln.gnn.algorithm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.gnn.eval.RankMetrics;

/** Link-prediction results as metric lines ({@code validation:mrr} ...) and as the {@code test} block of model.json. */
final class RankReports {
    private RankReports() {}

    /** Emits {@code <split>:mrr}, {@code <split>:mr}, {@code <split>:hits@1/3/10}; a null epoch for final results. */
    static void emit(AlgorithmContext ctx, String split, RankMetrics m, Integer epoch) {
        double[] values = m.values();
        for (int i = 0; i < values.length; i++) {
            String name = split + ":" + RankMetrics.NAMES.get(i);
            if (epoch == null) {
                ctx.metrics().emit(name, values[i]);
            } else {
                ctx.metrics().emit(name, values[i], epoch);
            }
        }
    }

    /** Writes the metrics as an object {@code field} of {@code parent}. */
    static void put(ObjectNode parent, String field, RankMetrics m) {
        ObjectNode t = parent.putObject(field);
        double[] values = m.values();
        for (int i = 0; i < values.length; i++) {
            t.put(RankMetrics.NAMES.get(i), values[i]);
        }
    }
}
