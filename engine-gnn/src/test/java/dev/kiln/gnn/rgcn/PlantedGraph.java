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

    /** The club value of {@link #writeRegression}: a person's target is its club's value plus noise. */
    public static final double[] CLUB_VALUE = {1, 4, 9, 16};

    /**
     * Writes {@code triples.tsv} (as {@link #write}) and {@code values.tsv}: {@code person<TAB>value<TAB>split}
     * with value = {@link #CLUB_VALUE}[club] + N(0, 0.5^2), so a node's value is a function of its neighbour's group.
     */
    public static void writeRegression(Path dir, int n, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder triples = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int club = rnd.nextInt(4);
            triples.append("p").append(i).append("\tmember_of\tclub").append(club).append('\n');
            for (int k = 0; k < 3; k++) {
                triples.append("p").append(i).append(k == 0 ? "\tlikes\tp" : "\tknows\tp").append(rnd.nextInt(n)).append('\n');
            }
            double value = CLUB_VALUE[club] + 0.5 * gaussian(rnd);
            double u = rnd.nextDouble();
            String split = u < 0.8 ? "train" : u < 0.9 ? "validation" : "test";
            values.append("p").append(i).append('\t').append(value).append('\t').append(split).append('\n');
        }
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("triples.tsv"), triples);
        Files.writeString(dir.resolve("values.tsv"), values);
    }

    /**
     * Writes a graph whose labels carry no structural signal: people know random people and like random
     * featureless things; {@code features/people.tsv} gives each person {@code x} (the label is {@code a} when
     * x > 0) and a noise column {@code z} (some cells empty, meaning 0); {@code labels.tsv} 80/10/10.
     * The person {@code loner} appears only in the features and labels files.
     */
    public static void writeFeatureOnly(Path dir, int n, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder triples = new StringBuilder();
        StringBuilder labels = new StringBuilder();
        StringBuilder features = new StringBuilder("entity\tx\tz\n");
        for (int i = 0; i <= n; i++) {
            String p = i == n ? "loner" : "p" + i;
            if (i < n) {
                triples.append(p).append("\tknows\tp").append(rnd.nextInt(n)).append('\n');
                triples.append(p).append("\tlikes\tthing").append(rnd.nextInt(20)).append('\n');
            }
            double x = gaussian(rnd);
            features.append(p).append('\t').append(x).append('\t')
                    .append(rnd.nextDouble() < 0.2 ? "" : Double.toString(gaussian(rnd))).append('\n');
            double u = rnd.nextDouble();
            String split = u < 0.8 ? "train" : u < 0.9 ? "validation" : "test";
            labels.append(p).append('\t').append(x > 0 ? "a" : "b").append('\t').append(split).append('\n');
        }
        Files.createDirectories(dir.resolve("features"));
        Files.writeString(dir.resolve("triples.tsv"), triples);
        Files.writeString(dir.resolve("labels.tsv"), labels);
        Files.writeString(dir.resolve("features/people.tsv"), features);
    }

    private static double gaussian(SplittableRandom rnd) {
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }
}
