package dev.kiln.gnn.data;

import java.util.SplittableRandom;

/** Shuffled orders for epochs: drawn from the caller's stream, so a seeded epoch repeats exactly. */
public final class Permutations {
    private Permutations() {}

    /** 0..n-1 in a Fisher-Yates order drawn from {@code rnd}. */
    public static int[] shuffled(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
