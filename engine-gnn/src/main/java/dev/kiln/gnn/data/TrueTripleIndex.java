package dev.kiln.gnn.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * All known true triples, indexed for filtered ranking: the true tails of each (head, relation) and
 * the true heads of each (relation, tail), as sorted arrays.
 */
public final class TrueTripleIndex {
    private static final int[] NONE = new int[0];
    private final Map<Long, int[]> tailsOf;
    private final Map<Long, int[]> headsOf;
    private final int numRelations;

    private TrueTripleIndex(Map<Long, int[]> tailsOf, Map<Long, int[]> headsOf, int numRelations) {
        this.tailsOf = tailsOf;
        this.headsOf = headsOf;
        this.numRelations = numRelations;
    }

    /** Indexes the union of the given splits. */
    public static TrueTripleIndex of(int numRelations, Triples... splits) {
        Map<Long, TripleReader.IntList> tails = new HashMap<>();
        Map<Long, TripleReader.IntList> heads = new HashMap<>();
        for (Triples s : splits) {
            for (int i = 0; i < s.size(); i++) {
                int h = s.heads()[i], r = s.relations()[i], t = s.tails()[i];
                tails.computeIfAbsent(key(h, r, numRelations), k -> new TripleReader.IntList()).add(t);
                heads.computeIfAbsent(key(t, r, numRelations), k -> new TripleReader.IntList()).add(h);
            }
        }
        return new TrueTripleIndex(freeze(tails), freeze(heads), numRelations);
    }

    private static Map<Long, int[]> freeze(Map<Long, TripleReader.IntList> m) {
        Map<Long, int[]> out = new HashMap<>(m.size() * 2);
        m.forEach((k, v) -> out.put(k, Arrays.stream(v.toArray()).sorted().distinct().toArray()));
        return out;
    }

    private static long key(int entity, int relation, int numRelations) {
        return (long) entity * numRelations + relation;
    }

    /** Known true tails of (head, relation), sorted. */
    public int[] tails(int head, int relation) {
        return tailsOf.getOrDefault(key(head, relation, numRelations), NONE);
    }

    /** Known true heads of (relation, tail), sorted. */
    public int[] heads(int relation, int tail) {
        return headsOf.getOrDefault(key(tail, relation, numRelations), NONE);
    }
}
