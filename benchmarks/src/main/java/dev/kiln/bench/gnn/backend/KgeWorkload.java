package dev.kiln.bench.gnn.backend;

import java.util.SplittableRandom;

/**
 * The knowledge-graph-embedding inputs every backend receives, so all of them start from the same tables and
 * work on the same ids: a scoring chunk (positives sharing negatives), a gradient buffer for the row-wise
 * Adagrad scatter, and a small pool of training batches that training steps cycle through.
 *
 * <p>Training batches corrupt tails only and each chunk of {@code chunk} positives shares {@code negatives}
 * uniformly drawn entities, as {@code KgeTrainer} does on one side. Arrays are shared, never written; each
 * backend copies the tables into its own storage.
 *
 * @param entityInit   {@code entities x dim}, row-major
 * @param relationInit {@code relations x dim}, row-major
 * @param anchors      the scoring chunk's anchor entities ({@code chunk} of them)
 * @param anchorRels   their relations
 * @param chunkNegs    the {@code negatives} candidates the chunk shares
 * @param scatterRows  rows to update in the scatter benchmark (random, so some repeat)
 * @param scatterGrad  one gradient row per entry of {@code scatterRows}
 * @param heads        per pooled batch, {@code batchSize} heads; likewise {@code rels} and {@code tails}
 * @param batchNegs    per pooled batch, {@code negatives} entities for each chunk of the batch, chunk-major
 */
public record KgeWorkload(int entities, int relations, int dim, int chunk, int negatives, int batchSize,
                          double learningRate, float[] entityInit, float[] relationInit,
                          int[] anchors, int[] anchorRels, int[] chunkNegs, int[] scatterRows, float[] scatterGrad,
                          int[][] heads, int[][] rels, int[][] tails, int[][] batchNegs) {

    /** FB15k-237's size at dim 200: what the benchmark runs. */
    public static KgeWorkload fb15k237Size(long seed) {
        return random(14_541, 237, 200, 128, 128, 1_000, 1_000, 4, seed);
    }

    /**
     * Uniform tables in DGL-KE's init range for gamma 12 and uniformly drawn ids.
     *
     * @param scatterRowCount rows in the scatter benchmark
     * @param pooledBatches   distinct training batches to cycle through
     */
    public static KgeWorkload random(int entities, int relations, int dim, int chunk, int negatives,
                                     int scatterRowCount, int batchSize, int pooledBatches, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double bound = (12 + 2.0) / dim;
        float[] ent = uniform(entities * dim, bound, rnd);
        float[] rel = uniform(relations * dim, bound, rnd);
        float[] grad = uniform(scatterRowCount * dim, 1e-3, rnd);
        int chunks = (batchSize + chunk - 1) / chunk;
        int[][] heads = new int[pooledBatches][], rels = new int[pooledBatches][], tails = new int[pooledBatches][];
        int[][] negs = new int[pooledBatches][];
        for (int b = 0; b < pooledBatches; b++) {
            heads[b] = rnd.ints(batchSize, 0, entities).toArray();
            rels[b] = rnd.ints(batchSize, 0, relations).toArray();
            tails[b] = rnd.ints(batchSize, 0, entities).toArray();
            negs[b] = rnd.ints((long) chunks * negatives, 0, entities).toArray();
        }
        return new KgeWorkload(entities, relations, dim, chunk, negatives, batchSize, 0.1, ent, rel,
                rnd.ints(chunk, 0, entities).toArray(), rnd.ints(chunk, 0, relations).toArray(),
                rnd.ints(negatives, 0, entities).toArray(), rnd.ints(scatterRowCount, 0, entities).toArray(), grad,
                heads, rels, tails, negs);
    }

    /** Number of distinct pooled batches; step {@code s} trains on batch {@code s % pooledBatches()}. */
    public int pooledBatches() {
        return heads.length;
    }

    private static float[] uniform(int n, double bound, SplittableRandom rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
        return a;
    }
}
