package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.algorithm.Algorithm;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quality on Kinship (104 entities): a random ranking has filtered MRR near 0.05 (mean of 1/rank over
 * about 100 candidates). Thresholds sit well below what these settings measured (noted per test),
 * so they catch a broken model, gradient or evaluator without being flaky under Hogwild threads.
 */
class KgeQualityTest {
    private static final Map<String, String> COMMON = Map.of("num-epochs", "10", "batch-size", "256", "num-negs", "32",
            "lr", "0.1");

    @TempDir
    Path tmp;

    private double testMrr(Algorithm alg, Map<String, String> extra) throws Exception {
        Map<String, String> hps = new java.util.HashMap<>(COMMON);
        hps.putAll(extra);
        FakeContext ctx = new FakeContext(tmp.resolve(alg.name()), hps, FakeContext.kgChannels(KgData.dataset("kinship")));
        alg.train(ctx);
        return ctx.last("test:mrr");
    }

    @Test
    void distMultLearnsKinship() throws Exception {
        double mrr = testMrr(new DistMultAlgorithm(), Map.of("num-hidden", "64", "gamma", "1"));
        assertTrue(mrr > 0.35, "measured 0.51; got " + mrr);
    }

    @Test
    void distMultWithSoftmaxLossLearnsKinship() throws Exception {
        double mrr = testMrr(new DistMultAlgorithm(), Map.of("num-hidden", "64", "loss", "softmax",
                "regularization-coef", "0.01"));
        assertTrue(mrr > 0.35, "measured 0.55; got " + mrr);
    }

    @Test
    void transEL1WithMarginLossLearnsKinship() throws Exception {
        double mrr = testMrr(new TransEAlgorithm(), Map.of("num-hidden", "64", "gamma", "4", "loss", "margin",
                "distance", "l1"));
        assertTrue(mrr > 0.18, "measured 0.29; got " + mrr);
    }

    @Test
    void rotatELearnsKinship() throws Exception {
        double mrr = testMrr(new RotatEAlgorithm(), Map.of("num-hidden", "32", "gamma", "6"));
        assertTrue(mrr > 0.45, "measured 0.62; got " + mrr);
    }
}
