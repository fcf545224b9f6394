package dev.kiln.gnn.rgcn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A synthetic graph with a planted label: each of {@code n} people is linked by {@code member_of}
 * to one of four clubs; clubs 0 and 1 mean label {@code a}, clubs 2 and 3 label {@code b}
 * (70/30 split so the majority baseline is about 0.7). Random {@code knows} and {@code likes}
 * edges add noise that carries no label information.
 */
public final class PlantedGraph {
    private PlantedGraph() {}

    /** Writes {@code triples.tsv} and {@code labels.tsv} (80/10/10 split) under {@code dir}. */
    public static void write(Path dir, int n, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder triples = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < n; i++) {
            boolean a = rnd.nextDouble() < 0.7;
            int club = (a ? 0 : 2) + rnd.nextInt(2);
            triples.append("p").append(i).append("\tmember_of\tclub").append(club).append('\n');
            for (int k = 0; k < 3; k++) {
                triples.append("p").append(i).append(k == 0 ? "\tlikes\tp" : "\tknows\tp").append(rnd.nextInt(n)).append('\n');
            }
            double u = rnd.nextDouble();
            String split = u < 0.8 ? "train" : u < 0.9 ? "validation" : "test";
            labels.append("p").append(i).append('\t').append(a ? "a" : "b").append('\t').append(split).append('\n');
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("triples.tsv"), triples);
        Files.writeString(dir.resolve("labels.tsv"), labels);
    }
}
