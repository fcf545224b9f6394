package dev.kiln.bench.gnn.backend;

import dev.kiln.gnn.data.IdMap;
import dev.kiln.gnn.data.KgDataset;
import dev.kiln.gnn.data.Triples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * One RGCN layer's inputs (basis decomposition, no self-loop, no bias): node features, bases and per-relation
 * coefficients, and the directed edges with their mean normaliser 1 / c(dst, rel).
 *
 * @param features {@code numNodes x hidden}
 * @param basis    {@code bases x hidden x hidden}, each basis row-major (in x out)
 * @param coeff    {@code numRelations x bases}
 * @param norm     per edge, 1 / (number of edges into {@code dst} with the same relation)
 */
public record GraphWorkload(int numNodes, int numRelations, int hidden, int bases, int[] src, int[] dst, int[] rel,
                            float[] norm, float[] features, float[] basis, float[] coeff) {

    /** Relation removed by the gender task (it is the label). */
    static final String GENDER = "/people/person/gender";

    /**
     * The FB15k-237 person-gender task's graph (see {@code GenderTask}): train, valid and test triples without
     * the gender relation, inverse edges added: 14,541 nodes, 472 relations, 611,172 edges.
     */
    public static GraphWorkload fb15k237Gender(Path dir, int hidden, int bases, long seed) throws IOException {
        KgDataset ds = KgDataset.loadStandard(dir);
        IdMap kept = new IdMap();
        int[] relMap = new int[ds.numRelations()];
        for (int r = 0; r < ds.numRelations(); r++) {
            String name = ds.relations().name(r);
            relMap[r] = name.equals(GENDER) ? -1 : kept.intern(name);
        }
        int base = kept.size();
        int[] src = new int[0], dst = new int[0], rel = new int[0];
        int n = 0;
        for (Triples t : new Triples[] {ds.train(), ds.validation(), ds.test()}) {
            src = grow(src, n + 2 * t.size());
            dst = grow(dst, n + 2 * t.size());
            rel = grow(rel, n + 2 * t.size());
            for (int k = 0; k < t.size(); k++) {
                int r = relMap[t.relations()[k]];
                if (r < 0) {
                    continue;
                }
                src[n] = t.heads()[k];
                dst[n] = t.tails()[k];
                rel[n++] = r;
                src[n] = t.tails()[k];
                dst[n] = t.heads()[k];
                rel[n++] = r + base;
            }
        }
        return of(ds.numEntities(), 2 * base, hidden, bases, java.util.Arrays.copyOf(src, n),
                java.util.Arrays.copyOf(dst, n), java.util.Arrays.copyOf(rel, n), seed);
    }

    /** A random multigraph, for tests. */
    public static GraphWorkload random(int numNodes, int numRelations, int edges, int hidden, int bases, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        return of(numNodes, numRelations, hidden, bases, rnd.ints(edges, 0, numNodes).toArray(),
                rnd.ints(edges, 0, numNodes).toArray(), rnd.ints(edges, 0, numRelations).toArray(), seed + 1);
    }

    static GraphWorkload of(int numNodes, int numRelations, int hidden, int bases, int[] src, int[] dst, int[] rel,
                            long seed) {
        // c(i, r): edges into i under r, counted per (dst, rel) pair
        java.util.Map<Long, Integer> count = new java.util.HashMap<>();
        for (int e = 0; e < src.length; e++) {
            count.merge((long) dst[e] * numRelations + rel[e], 1, Integer::sum);
        }
        float[] norm = new float[src.length];
        for (int e = 0; e < src.length; e++) {
            norm[e] = 1f / count.get((long) dst[e] * numRelations + rel[e]);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        return new GraphWorkload(numNodes, numRelations, hidden, bases, src, dst, rel, norm,
                uniform(numNodes * hidden, Math.sqrt(6.0 / (1 + hidden)), rnd),
                uniform(bases * hidden * hidden, Math.sqrt(6.0 / (2 * hidden)), rnd),
                uniform(numRelations * bases, Math.sqrt(6.0 / (numRelations + bases)), rnd));
    }

    public int numEdges() {
        return src.length;
    }

    private static int[] grow(int[] a, int size) {
        return a.length >= size ? a : java.util.Arrays.copyOf(a, size);
    }

    private static float[] uniform(int n, double bound, SplittableRandom rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) ((rnd.nextDouble() * 2 - 1) * bound);
        }
        return a;
    }
}
