package dev.kiln.runtime.testing;

import dev.kiln.api.algorithm.Algorithm;
import dev.kiln.api.algorithm.AlgorithmContext;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * A test algorithm: counts epochs, emits {@code train:loss} = 1/epoch, checkpoints the epoch, saves a
 * model, honours the stop signal, and fails on request ({@code fail=true}).
 */
public final class CountingAlgorithm implements Algorithm {
    @Override
    public String name() {
        return "counting";
    }

    @Override
    public List<String> metricNames() {
        return List.of("train:loss");
    }

    @Override
    public void train(AlgorithmContext ctx) throws Exception {
        int epochs = Integer.parseInt(ctx.hyperParameters().getOrDefault("epochs", "3"));
        long sleep = Long.parseLong(ctx.hyperParameters().getOrDefault("sleep_ms", "0"));
        if (Boolean.parseBoolean(ctx.hyperParameters().getOrDefault("fail", "false"))) {
            throw new IllegalStateException("asked to fail");
        }
        var ckpt = ctx.checkpointDir().resolve("epoch");
        int start = Files.exists(ckpt) ? Integer.parseInt(Files.readString(ckpt).trim()) : 0;
        int epoch = start;
        ctx.log().println("counting on " + ctx.numCpus() + " cpus, host " + ctx.currentHost() + " of " + ctx.hosts()
                + ", channels " + ctx.channels().keySet() + ", pid " + ProcessHandle.current().pid());
        while (epoch < epochs) {
            if (sleep > 0 && ctx.stopSignal().await(Duration.ofMillis(sleep))) {
                break;
            }
            if (ctx.stopSignal().isStopRequested()) {
                break;
            }
            epoch++;
            ctx.metrics().emit("train:loss", 1.0 / epoch, epoch);
            Files.writeString(ckpt, Integer.toString(epoch));
        }
        Files.writeString(ctx.modelDir().resolve("model.txt"), "epochs=" + epoch + " stopped=" + ctx.stopSignal().isStopRequested());
    }
}
