package dev.kiln.bench.gnn;

import dev.kiln.gnn.data.KgDataset;
import dev.kiln.gnn.rgcn.Blocks;
import dev.kiln.gnn.rgcn.LinkNegatives;
import dev.kiln.gnn.rgcn.LinkPredictionTrainer;
import dev.kiln.gnn.rgcn.NeighbourSampler;
import dev.kiln.gnn.rgcn.RelGraph;
import dev.kiln.gnn.rgcn.RgcnModel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The cost of one RGCN link-prediction step on a knowledge graph's train triples, sampled blocks against
 * the full graph, without the per-epoch ranking that {@link RgcnLinkBenchmark} adds: prints the sizes of
 * the blocks sampled for {@code --seeds} uniform seeds, then seconds per step over {@code --steps} steps of
 * a sampled epoch and of a full-graph epoch, {@code --reps} times each (the first includes JIT warm-up).
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.kiln.bench.gnn.RgcnStepBenchmark
 *     [--data ../shared/data/kg/fb15k-237] [--threads 2] [--hidden 64] [--bases 2] [--fanout 10]
 *     [--batch 4000] [--negs 4] [--full-batch 30000] [--full-negs 10] [--chunk 1] [--steps 10] [--reps 3]
 *     [--seeds 512]</pre>
 * ({@code --chunk}: positives sharing each draw of negatives, as {@code neg-chunk-size}; uniform weights.)
 */
public final class RgcnStepBenchmark {
    private RgcnStepBenchmark() {}

    public static void main(String[] args) throws Exception {
        BenchArgs opt = BenchArgs.parse(args);
        KgDataset data = KgDataset.loadStandard(opt.path("data", "../shared/data/kg/fb15k-237"));
        int threads = opt.integer("threads", 2), hidden = opt.integer("hidden", 64), bases = opt.integer("bases", 2);
        int fanout = opt.integer("fanout", 10), steps = opt.integer("steps", 10), reps = opt.integer("reps", 3);
        int n = data.entities().size(), relations = data.relations().size();
        RelGraph g = RelGraph.of(data.train(), n, relations);
        NeighbourSampler sampler = new NeighbourSampler(g, new int[] {fanout, fanout});

        SplittableRandom rnd = new SplittableRandom(1);
        int[] seeds = rnd.ints(opt.integer("seeds", 512), 0, n).toArray();
        Blocks b = sampler.sample(seeds, rnd);
        System.out.printf("blocks for %d uniform seeds, fanout %d: seeds %d, layer-0 destinations %d, inputs %d of %d,"
                        + " edges %d (layer 0) and %d (layer 1)%n", seeds.length, fanout, b.numSeeds(), b.numDst(0),
                b.numInputs(), n, b.graph(0).numEdges(), b.graph(1).numEdges());

        step(data, g, n, relations, hidden, bases, threads, sampler, opt.integer("batch", 4000),
                opt.integer("negs", 4), opt.integer("chunk", 1), steps, reps, "sampled, fanout " + fanout);
        step(data, g, n, relations, hidden, bases, threads, null, opt.integer("full-batch", 30000),
                opt.integer("full-negs", 10), opt.integer("chunk", 1), Math.max(1, steps / 5), reps, "full graph");
    }

    private static void step(KgDataset data, RelGraph g, int n, int relations, int hidden, int bases, int threads,
                             NeighbourSampler sampler, int batch, int negs, int chunk, int steps, int reps,
                             String what) {
        RgcnModel encoder = new RgcnModel(new RgcnModel.Config(n, g.numRelations(), hidden, hidden, 2, bases, true,
                false, 0.1), 0);
        try (LinkPredictionTrainer lp = new LinkPredictionTrainer(encoder, relations, g, threads, 0)) {
            double[] perStep = new double[reps];
            for (int rep = 0; rep < reps; rep++) {
                int[] left = {steps};
                long t0 = System.nanoTime();
                lp.epoch(data.train(), rep + 1, batch, new LinkNegatives(negs, chunk, 0), sampler, 0.01, 0,
                        () -> left[0]-- <= 0);
                perStep[rep] = (System.nanoTime() - t0) / 1e9 / steps;
            }
            System.out.printf("RESULT %s, batch %d, %d negatives per chunk of %d, hidden %d, %d bases: s/step %s%n",
                    what, batch, negs, chunk, hidden, bases,
                    Arrays.toString(Arrays.stream(perStep).map(s -> Math.round(s * 1000) / 1000.0).toArray()));
        }
    }
}
