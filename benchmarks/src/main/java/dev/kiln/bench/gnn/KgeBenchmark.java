package dev.kiln.bench.gnn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.gnn.algorithm.DistMultAlgorithm;
import dev.kiln.gnn.algorithm.EmbeddingFiles;
import dev.kiln.gnn.algorithm.KgeAlgorithm;
import dev.kiln.gnn.algorithm.KgeHyperParameters;
import dev.kiln.gnn.algorithm.RotatEAlgorithm;
import dev.kiln.gnn.algorithm.TransEAlgorithm;
import dev.kiln.gnn.cuda.CudaDevice;
import dev.kiln.gnn.cuda.CudaLinkEvaluator;
import dev.kiln.gnn.data.KgDataset;
import dev.kiln.gnn.data.TrueTripleIndex;
import dev.kiln.gnn.eval.LinkEvaluator;
import dev.kiln.gnn.eval.RankMetrics;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.runtime.algorithm.DirectoryAlgorithmContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Trains a knowledge-graph embedding model through the real algorithm ({@code transe}, {@code distmult} or
 * {@code rotate}) on a data set folder of {@code train.txt}, {@code valid.txt} and {@code test.txt}, in this
 * thread with {@code --threads} training threads. Prints one {@code EPOCH} line per epoch (train triples/s, loss,
 * validation metrics), then one {@code RESULT} line: filtered test MRR and Hits@1/3/10 of the best-validation
 * model, the epoch of the best validation MRR, wall time and peak heap. Peak RSS comes from {@code /usr/bin/time -v}
 * around the command. benchmarks/python/kge_pyg.py is the PyTorch Geometric peer.
 *
 * {@code --device gpu} runs it as a job granted one GPU (the first this process sees) does: on the GPU when CUDA
 * can use it. {@code --job NAME} keeps the job's folder at {@code WORK/NAME}: the same command again resumes it from
 * its last checkpointed epoch (as a restarted training job does), so a long run can be cut into time-boxed pieces
 * ({@code --max-seconds}) that fit a limited session; the RESULT line's best epoch, best validation MRR and epoch
 * count then come from the model's {@code model.json} and cover the whole job.
 *
 * <pre>/usr/bin/time -v java -cp benchmarks/target/benchmarks.jar dev.kiln.bench.gnn.KgeBenchmark --model distmult
 *     --data ../shared/data/kg/fb15k-237 --threads 2 --hp num-epochs=5,batch-size=1000,num-negs=128</pre>
 */
public final class KgeBenchmark {
    private KgeBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchArgs opt = BenchArgs.parse(args);
        String model = opt.string("model", "distmult");
        Path data = opt.path("data", "../shared/data/kg/fb15k-237");
        Path work = opt.path("work", "/tmp/kge-bench");
        int threads = opt.integer("threads", 2);
        // --device gpu: the job as a GPU instance type runs it, on the first GPU this process sees.
        boolean gpu = opt.string("device", "cpu").equals("gpu");
        // --max-seconds: a time box; the job is stopped after the epoch that crosses it, and the best model it
        // saved is then ranked on the test split here (a stopped job reports no test metrics itself).
        double maxSeconds = Double.parseDouble(opt.string("max-seconds", "0"));
        Map<String, String> hp = opt.hyperparameters();
        KgeAlgorithm algorithm = switch (model) {
            case "transe" -> new TransEAlgorithm();
            case "distmult" -> new DistMultAlgorithm();
            case "rotate" -> new RotatEAlgorithm();
            default -> throw new IllegalArgumentException("--model must be transe, distmult or rotate, got " + model);
        };
        String job = opt.string("job", "job-" + System.nanoTime());
        EpochLog ctx = new EpochLog(work.resolve(job), hp, Map.of(
                "train", data.resolve("train.txt"), "validation", data.resolve("valid.txt"),
                "test", data.resolve("test.txt")), threads, gpu, lineCount(data.resolve("train.txt")));
        ctx.maxSeconds = maxSeconds;
        long t0 = System.nanoTime();
        algorithm.train(ctx);
        if (ctx.timedOut) {
            testSavedModel(ctx, algorithm, data, hp, threads, gpu);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        ctx.wholeJob(ctx.modelDir().resolve("model.json"));
        System.out.printf("RESULT model=%s data=%s threads=%d gpu=%s hp=%s test_mrr=%.4f test_hits@1=%.4f test_hits@3=%.4f "
                        + "test_hits@10=%.4f best_valid_mrr=%.4f best_epoch=%d epochs=%d mean_triples_per_s=%.0f "
                        + "train_seconds=%.1f train_cpu_seconds=%.1f seconds=%.1f peak_heap_mb=%d%n",
                model, data.getFileName(), threads, gpu, hp, ctx.metric("test:mrr"), ctx.metric("test:hits@1"),
                ctx.metric("test:hits@3"), ctx.metric("test:hits@10"), ctx.bestMrr, ctx.bestEpoch, ctx.epochs,
                ctx.positives / Math.max(ctx.trainSeconds, 1e-9), ctx.trainSeconds, ctx.trainCpuSeconds, seconds,
                peakHeapMb());
    }

    /** Ranks the test split with the model a time-boxed job saved, reporting it as the job's test metrics. */
    private static void testSavedModel(EpochLog ctx, KgeAlgorithm algorithm, Path data, Map<String, String> hp,
                                       int threads, boolean gpu) throws Exception {
        KgeModel model = algorithm.createModel(KgeHyperParameters.parse(algorithm.name(), hp));
        KgDataset ds = KgDataset.load(data.resolve("train.txt"), data.resolve("valid.txt"), data.resolve("test.txt"));
        EmbeddingTable ent = EmbeddingFiles.read(ctx.modelDir().resolve("entity_embeddings.bin"));
        EmbeddingTable rel = EmbeddingFiles.read(ctx.modelDir().resolve("relation_embeddings.bin"));
        TrueTripleIndex known = TrueTripleIndex.of(ds.numRelations(), ds.train(), ds.validation(), ds.test());
        RankMetrics m;
        if (gpu) {
            try (CudaDevice d = CudaDevice.open(0); CudaLinkEvaluator ev = new CudaLinkEvaluator(d, model, known)) {
                m = ev.evaluate(ent, rel, ds.test(), 0);
            }
        } else {
            m = new LinkEvaluator(model, known, threads).evaluate(ent, rel, ds.test(), 0);
        }
        System.out.printf("TIMEBOX stopped after epoch %d (--max-seconds %.0f); test of the best saved model%n",
                ctx.epochs, ctx.maxSeconds);
        double[] v = m.values();
        for (int i = 0; i < v.length; i++) {
            ctx.lastMetric.put("test:" + RankMetrics.NAMES.get(i), v[i]);
        }
    }

    private static long lineCount(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> !l.isBlank()).count();
        }
    }

    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    /**
     * Collects the algorithm's per-epoch metrics into one line per epoch. The algorithm emits train metrics before
     * validation ones, and validation:hits@10 last, so that metric closes an epoch's line.
     */
    private static final class EpochLog extends DirectoryAlgorithmContext {
        final Map<String, Double> lastMetric = new LinkedHashMap<>();
        double maxSeconds;
        boolean timedOut;
        private final Map<String, Double> epochMetrics = new LinkedHashMap<>();
        private final long start = System.nanoTime();
        private final long trainSize;
        private final boolean gpu;
        double bestMrr = Double.NaN;
        int bestEpoch;
        int epochs;
        double trainSeconds;
        double positives;
        double trainCpuSeconds;
        private double cpuMark = cpuSeconds();
        private double epochCpu;

        EpochLog(Path root, Map<String, String> hps, Map<String, Path> channels, int cpus, boolean gpu, long trainSize) {
            super("bench", root, hps, channels, cpus, System.out);
            this.trainSize = trainSize;
            this.gpu = gpu;
        }

        @Override
        public List<Integer> gpuIds() {
            return gpu ? List.of(0) : List.of();
        }

        /** The whole job's best epoch, best validation MRR and epochs, from its model.json (a resumed job's too). */
        void wholeJob(Path modelJson) throws IOException {
            if (!Files.exists(modelJson)) {
                return;
            }
            JsonNode m = new ObjectMapper().readTree(modelJson.toFile());
            epochs = m.path("epochsTrained").asInt(epochs);
            if (m.has("bestEpoch")) {
                bestEpoch = m.get("bestEpoch").asInt();
                bestMrr = m.get("bestValidationMrr").asDouble();
            }
        }

        double metric(String name) {
            return lastMetric.getOrDefault(name, Double.NaN);
        }

        @Override
        protected synchronized void onMetric(String name, double value, Integer epoch) {
            lastMetric.put(name, value);
            if (epoch == null) {
                return;
            }
            epochMetrics.put(name, value);
            if (name.equals("train:triples-per-second")) {
                epochs = epoch;
                // CPU seconds of the process (all threads) since the last validation ended: the training pass
                // (epoch 1 also counts reading the data). Rates per CPU-second hold up on a loaded machine.
                epochCpu = cpuSeconds() - cpuMark;
                trainCpuSeconds += epochCpu;
            }
            if (name.equals("validation:hits@10")) {
                double tps = epochMetrics.getOrDefault("train:triples-per-second", Double.NaN);
                double mrr = epochMetrics.getOrDefault("validation:mrr", Double.NaN);
                if (Double.isNaN(bestMrr) || mrr > bestMrr) {
                    bestMrr = mrr;
                    bestEpoch = epoch;
                }
                System.out.printf("EPOCH %d triples_per_s=%.0f triples_per_cpu_s=%.0f loss=%.4f valid_mrr=%.4f "
                                + "valid_hits@1=%.4f valid_hits@10=%.4f elapsed_s=%.1f%n", epoch, tps, trainSize / epochCpu,
                        epochMetrics.getOrDefault("train:loss", Double.NaN), mrr,
                        epochMetrics.getOrDefault("validation:hits@1", Double.NaN), value,
                        (System.nanoTime() - start) / 1e9);
                epochMetrics.clear();
                cpuMark = cpuSeconds();
                if (maxSeconds > 0 && (System.nanoTime() - start) / 1e9 > maxSeconds) {
                    timedOut = true;
                    stopFlag().raise();
                }
            }
            if (name.equals("train:triples-per-second") && value > 0) {
                // The epoch's training time (validation excluded), recovered from its rate.
                trainSeconds += trainSize / value;
                positives += trainSize;
            }
        }
    }
}
