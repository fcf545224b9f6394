package dev.kiln.gnn.data;

/** Triples as three parallel id arrays (head, relation, tail); index i is one triple. */
public record Triples(int[] heads, int[] relations, int[] tails) {
    public Triples {
        if (heads.length != relations.length || heads.length != tails.length) {
            throw new IllegalArgumentException("triple columns differ in length");
        }
    }

    public int size() {
        return heads.length;
    }

    public static Triples empty() {
        return new Triples(new int[0], new int[0], new int[0]);
    }
}
