package dev.kiln.bench.metrics;

import dev.kiln.api.algorithm.MetricEmitter;
import dev.kiln.api.training.MetricDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A deterministic, realistic training log (framework logging, XGBoost and Keras progress,
 * tqdm bars, warnings, NCCL chatter, tracebacks, {@code #metric} lines) and metric definitions in
 * the forms users write, for measuring the scraper. With 5 definitions about 30% of the lines carry a
 * metric, with 40 about half (some carry several); most of the 40 regexes match nothing.
 */
public final class SyntheticTrainingLog {
    private SyntheticTrainingLog() {}

    /** {@code count} log lines, the same for the same seed. */
    public static String[] lines(int count, long seed) {
        Random r = new Random(seed);
        String[] lines = new String[count];
        for (int k = 0; k < count; k++) {
            lines[k] = line(r, k);
        }
        return lines;
    }

    private static String line(Random r, int k) {
        int epoch = 1 + k / 4000;
        int step = k % 4000;
        return switch (r.nextInt(20)) {
            case 0, 1 -> String.format(Locale.ROOT,
                    "[2024-05-01 10:%02d:%02d.%03d algo-1:27 INFO trainer.py:212] Epoch %d/50 step %d/4000 "
                            + "train_loss=%.5f lr=%.1e grad_norm=%.3f", (k / 60) % 60, k % 60, k % 1000, epoch, step,
                    r.nextDouble(), 1e-4 * r.nextDouble(), 5 * r.nextDouble());
            case 2 -> String.format(Locale.ROOT, "[%d]#011train-rmse:%.5f#011validation-rmse:%.5f", step,
                    r.nextDouble(), r.nextDouble());
            case 3 -> String.format(Locale.ROOT,
                    "%d/4000 [=====>........................] - ETA: 1:%02d - loss: %.4f - accuracy: %.4f", step,
                    k % 60, r.nextDouble(), r.nextDouble());
            case 4 -> String.format(Locale.ROOT, "Epoch %d - val_loss: %.4f - val_accuracy: %.4f", epoch,
                    r.nextDouble(), r.nextDouble());
            case 5 -> MetricEmitter.line("epoch:loss", r.nextDouble(), epoch);
            case 6, 7, 8 -> String.format(Locale.ROOT,
                    " %d%%|%s| %d/4000 [00:%02d<00:%02d, %.2fit/s]", step * 100 / 4000,
                    "█".repeat(step * 10 / 4000) + " ".repeat(10 - step * 10 / 4000), step, k % 60, (k / 7) % 60,
                    30 + 10 * r.nextDouble());
            case 9 -> "/opt/conda/lib/python3.10/site-packages/torch/utils/data/dataloader.py:557: UserWarning: "
                    + "This DataLoader will create 8 worker processes in total. Our suggested max number of worker "
                    + "in current system is 4, which is smaller than what this DataLoader is going to create.";
            case 10, 11 -> String.format(Locale.ROOT,
                    "algo-1:27:%d [0] NCCL INFO Channel %02d/02 : 0[%d] -> 1[%d] via P2P/IPC", 27 + k % 8, k % 2,
                    k % 8, (k + 1) % 8);
            case 12 -> "  File \"/opt/ml/code/train.py\", line " + (100 + k % 50) + ", in training_step";
            case 13 -> String.format(Locale.ROOT,
                    "[2024-05-01 10:00:%02d.000 algo-1:27 INFO data.py:88] Loaded shard %d of 256 from "
                            + "/opt/ml/input/data/train/part-%05d.parquet (%d rows)", k % 60, k % 256, k % 256,
                    1000 + r.nextInt(9000));
            case 14 -> String.format(Locale.ROOT, "INFO:root:Saving checkpoint to /opt/ml/checkpoints/step-%d.pt",
                    step);
            default -> String.format(Locale.ROOT,
                    "[2024-05-01 10:00:%02d.000 algo-1:27 DEBUG dist.py:41] allreduce bucket %d size %d bytes",
                    k % 60, k % 25, 1 << (10 + k % 12));
        };
    }

    /** The first {@code count} (at most 40, the API's limit) of a realistic set of definitions. */
    public static List<MetricDefinition> definitions(int count) {
        List<MetricDefinition> defs = new ArrayList<>(List.of(
                new MetricDefinition("train:loss", "train_loss=([0-9\\.eE+-]+)"),
                new MetricDefinition("validation:rmse", "validation-rmse:([0-9\\.]+)"),
                new MetricDefinition("train:accuracy", "(?i) - accuracy: ([0-9.]+)"),
                new MetricDefinition("validation:loss", "val_loss: ([0-9.]+)"),
                MetricEmitter.definitionFor("epoch:loss"),
                new MetricDefinition("train:rmse", "train-rmse:([0-9\\.]+)"),
                new MetricDefinition("validation:accuracy", "val_accuracy: ([0-9.]+)"),
                new MetricDefinition("learning_rate", "lr=([0-9.eE+-]+)"),
                new MetricDefinition("grad_norm", "grad_norm=(\\S+)"),
                new MetricDefinition("throughput", "([0-9.]+)it/s\\]"),
                new MetricDefinition("epoch", "^\\[.*\\] Epoch (\\d+)/"),
                new MetricDefinition("keras:loss", "- loss: (\\S+) -"),
                new MetricDefinition("shard_rows", "Loaded shard \\d+ of \\d+ .*\\((\\d+) rows\\)"),
                new MetricDefinition("validation:f1", "val_f1[=:] ?([0-9.]+)"),
                new MetricDefinition("validation:auc", "(?:validation|val)[-_]auc[=:]([0-9.]+)"),
                new MetricDefinition("test:accuracy", "Test set: Average loss: [0-9.]+, Accuracy: \\d+/\\d+ \\(([0-9.]+)%\\)"),
                new MetricDefinition("gpu:memory", "max_memory_allocated=([0-9.]+)GB"),
                new MetricDefinition("validation:mAP", "\\bmAP@0\\.5:0\\.95\\s*=\\s*([0-9.]+)"),
                new MetricDefinition("train:perplexity", "(?i)train perplexity:? ([0-9.]+)"),
                new MetricDefinition("validation:bleu", "BLEU = ([0-9.]+)")));
        for (int k = defs.size(); k < 40; k++) {
            // Custom metrics that this log never prints, in the usual "name=value" and "name: value" forms.
            defs.add(new MetricDefinition("custom:m" + k, k % 2 == 0
                    ? "custom_metric_" + k + "=([-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?)"
                    : "^.*Custom metric " + k + ": (\\S+)$"));
        }
        return List.copyOf(defs.subList(0, Math.min(count, 40)));
    }
}
