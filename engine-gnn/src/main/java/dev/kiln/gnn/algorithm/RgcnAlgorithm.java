package dev.kiln.gnn.algorithm;

import dev.kiln.api.algorithm.Algorithm;
import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.gnn.eval.RankMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rgcn} built-in algorithm (Schlichtkrull et al. 2018): node classification (the default) or
 * node regression ({@code task=node-regression}), both run by {@link RgcnNodeTraining}, or link prediction
 * with {@code task=link-predict} ({@link RgcnLinkPrediction}); every task takes optional node features and
 * warm-starts from a previous model of the same task.
 * Every metric of every task is declared, so tuning jobs need no metric definitions.
 */
public final class RgcnAlgorithm implements Algorithm {

    @Override
    public String name() {
        return "rgcn";
    }

    @Override
    public List<String> metricNames() {
        List<String> names = new ArrayList<>(List.of("train:loss", "train:accuracy", "validation:loss",
                "validation:accuracy", "validation:f1", "test:accuracy", "test:f1",
                "train:rmse", "validation:rmse", "validation:mae", "test:rmse", "test:mae"));
        for (String split : List.of("validation", "test")) {
            RankMetrics.NAMES.forEach(m -> names.add(split + ":" + m));
        }
        return names;
    }

    @Override
    public void train(AlgorithmContext ctx) throws Exception {
        RgcnHyperParameters hp = RgcnHyperParameters.parse(ctx.hyperParameters());
        if (hp.task().equals(RgcnHyperParameters.LINK_PREDICT)) {
            RgcnLinkPrediction.train(ctx, hp);
            return;
        }
        RgcnNodeTraining.train(ctx, hp);
    }
}
