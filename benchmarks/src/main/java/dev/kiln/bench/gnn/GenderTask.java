package dev.kiln.bench.gnn;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The RGCN node-classification task of issue 4, built from FB15k-237: every entity with a
 * {@code /people/person/gender} triple is labelled with its tail, those triples are removed from the
 * graph (train, valid and test triples together form the graph), and the labelled entities, in
 * name order, are shuffled with {@code java.util.Random(0)} and split 80/10/10. The files are what the
 * {@code rgcn} algorithm reads ({@code graph.tsv}, {@code labels.tsv}) so a peer implementation can
 * train on exactly the same split.
 */
public final class GenderTask {
    static final String GENDER = "/people/person/gender";

    private GenderTask() {}

    /** Writes {@code graph.tsv} and {@code labels.tsv} under {@code out}; returns the number of labelled entities. */
    public static int write(Path fb15k237, Path out) throws IOException {
        List<String> graph = new ArrayList<>();
        Map<String, String> gender = new LinkedHashMap<>();
        for (String split : List.of("train.txt", "valid.txt", "test.txt")) {
            for (String line : Files.readAllLines(fb15k237.resolve(split), StandardCharsets.UTF_8)) {
                String[] f = line.split("\t");
                if (f.length != 3) {
                    continue;
                }
                if (f[1].equals(GENDER)) {
                    gender.putIfAbsent(f[0], f[2]);
                } else {
                    graph.add(line);
                }
            }
        }
        List<String> people = new ArrayList<>(gender.keySet());
        Collections.sort(people);
        Collections.shuffle(people, new Random(0));
        int nTrain = (int) Math.round(people.size() * 0.8), nValid = (int) Math.round(people.size() * 0.1);
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < people.size(); i++) {
            String split = i < nTrain ? "train" : i < nTrain + nValid ? "validation" : "test";
            labels.append(people.get(i)).append('\t').append(gender.get(people.get(i))).append('\t').append(split).append('\n');
        }
        Files.createDirectories(out);
        Files.write(out.resolve("graph.tsv"), graph, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("labels.tsv"), labels, StandardCharsets.UTF_8);
        return people.size();
    }
}
