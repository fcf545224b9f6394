package dev.kiln.gnn.algorithm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.cuda.Gpu;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A KGE job on a GPU instance type: trained on the GPU where CUDA works, else on the CPU with the reason logged. */
class KgeBackendTest {
    private static final Map<String, String> HPS = Map.of("num-hidden", "16", "num-epochs", "4", "batch-size", "128",
            "num-negs", "8", "early-stopping-window", "0");

    @TempDir
    Path tmp;

    @Test
    void aJobGrantedAGpuTrainsThereOrSaysWhyNot() throws Exception {
        FakeContext gpuJob = new FakeContext(tmp.resolve("gpu"), HPS, FakeContext.kgChannels(KgData.dataset("nations")));
        gpuJob.gpus = List.of(0);
        new TransEAlgorithm().train(gpuJob);
        String log = gpuJob.logText();
        if (Gpu.available()) {
            assertTrue(log.contains("test triples, GPU 0 ("), log);
        } else {
            assertTrue(log.contains("granted GPU 0, but CUDA cannot train on it (" + Gpu.unavailableReason()
                    + "); training on the CPU"), log);
            assertTrue(log.contains("test triples, 2 threads, "), log);
        }
        assertEquals(4, gpuJob.metrics.stream().filter(m -> m.name().equals("validation:mrr")).count());
        // The same model as one CPU thread trains (same batches and negatives), up to float rounding.
        FakeContext cpuJob = new FakeContext(tmp.resolve("cpu"), HPS, FakeContext.kgChannels(KgData.dataset("nations")));
        cpuJob.cpus = 1;
        new TransEAlgorithm().train(cpuJob);
        if (Gpu.available()) {
            assertEquals(cpuJob.last("test:mrr"), gpuJob.last("test:mrr"), 0.02);
        }
        assertTrue(cpuJob.last("test:mrr") > 0.2, "trained: " + cpuJob.last("test:mrr"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({"loss, softmax, loss=softmax: its GPU kernel has not been run on a GPU yet",
                "subsampling-weight, true, subsampling-weight: its GPU kernel has not been run on a GPU yet"})
    void settingsWithoutAVerifiedGpuKernelTrainOnTheCpuAndSayWhy(String name, String value, String gpuReason) throws Exception {
        Map<String, String> hps = new java.util.HashMap<>(HPS);
        hps.put(name, value);
        FakeContext job = new FakeContext(tmp.resolve(name), hps, FakeContext.kgChannels(KgData.dataset("nations")));
        job.gpus = List.of(0);
        new DistMultAlgorithm().train(job);
        String reason = Gpu.available() ? gpuReason : Gpu.unavailableReason();
        assertTrue(job.logText().contains("granted GPU 0, but CUDA cannot train on it (" + reason
                + "); training on the CPU"), job.logText());
        assertEquals(4, job.metrics.stream().filter(m -> m.name().equals("validation:mrr")).count());
    }
}
