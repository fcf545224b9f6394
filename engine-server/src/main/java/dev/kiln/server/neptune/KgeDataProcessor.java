package dev.kiln.server.neptune;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Data processing for knowledge-graph embeddings (modelType kge). Input is a folder of Gremlin CSV
 * node and edge files ({@code ~from}, {@code ~to}, {@code ~label} give head, tail and relation) and/or
 * tab-separated {@code head<TAB>relation<TAB>tail} files. Output: {@code train/}, {@code validation/}
 * and {@code test/} TSV splits that the kge algorithms read, {@code entities.tsv} and
 * {@code relations.tsv} id mappings, and {@code train_instance_recommendation.json}.
 *
 * <p>Split rule: a TSV file whose name starts with {@code train}, {@code valid} or {@code test} keeps
 * that split (the layout of the public KGE benchmarks); every other triple goes by a hash of its key
 * (the edge's {@code ~id}, else {@code head TAB relation TAB tail}): FNV-1a 64 modulo 100 below 80 is
 * train, below 90 validation, else test. The rule depends on nothing but the edge, so an edge keeps
 * its split when the graph grows (incremental training).
 */
final class KgeDataProcessor {
    private record Triple(String head, String relation, String tail, String key) {}

    private final Map<String, Integer> entities = new LinkedHashMap<>();
    private final Map<String, Integer> relations = new LinkedHashMap<>();
    private final List<List<Triple>> splits = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    private final Set<String> nodeIds = new HashSet<>();
    private long inputBytes;

    /** Starts from a previous job's mappings so that ids stay stable across incremental processing. */
    KgeDataProcessor(List<String> previousEntities, List<String> previousRelations) {
        previousEntities.forEach(e -> entities.putIfAbsent(e, entities.size()));
        previousRelations.forEach(r -> relations.putIfAbsent(r, relations.size()));
    }

    /** Reads {@code input} (skipping {@code ignoredFile}), writes the processed graph to {@code out}. */
    ProcessedGraph process(Path input, String ignoredFile, Path out, String location) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(input)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !p.getFileName().toString().equals(ignoredFile)).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new BadGraphInputException(input.toString(), 0, "no input files");
        }
        List<Path> edgeFiles = new ArrayList<>();
        for (Path f : files) {
            inputBytes += Files.size(f);
            if (!isCsv(f)) {
                continue;
            }
            List<String> header = header(f);
            GremlinCsv.checkHeader(f.toString(), header);
            if (header.contains("~from") || header.contains("~to")) {
                edgeFiles.add(f);
            } else if (header.contains("~id")) {
                readNodes(f, header);
            } else {
                throw new BadGraphInputException(f.toString(), 1, "neither a node file (~id) nor an edge file (~from, ~to)");
            }
        }
        for (Path f : edgeFiles) {
            readEdges(f);
        }
        for (Path f : files) {
            if (!isCsv(f)) {
                readTsv(f);
            }
        }
        if (splits.get(0).isEmpty()) {
            throw new BadGraphInputException(input.toString(), 0, "no training triples");
        }
        write(out);
        return summary(out, location);
    }

    private void readNodes(Path f, List<String> header) throws IOException {
        int id = header.indexOf("~id");
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            for (long n = 2; (line = r.readLine()) != null; n++) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> row = GremlinCsv.split(line, ',');
                if (row.size() != header.size()) {
                    throw new BadGraphInputException(f.toString(), n, "expected " + header.size() + " fields, found " + row.size());
                }
                nodeIds.add(row.get(id));
                entities.putIfAbsent(row.get(id), entities.size());
            }
        }
    }

    private void readEdges(Path f) throws IOException {
        List<String> header = header(f);
        int from = header.indexOf("~from");
        int to = header.indexOf("~to");
        int label = header.indexOf("~label");
        int id = header.indexOf("~id");
        if (from < 0 || to < 0 || label < 0) {
            throw new BadGraphInputException(f.toString(), 1, "an edge file needs ~from, ~to and ~label columns");
        }
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            r.readLine();
            String line;
            for (long n = 2; (line = r.readLine()) != null; n++) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> row = GremlinCsv.split(line, ',');
                if (row.size() != header.size()) {
                    throw new BadGraphInputException(f.toString(), n, "expected " + header.size() + " fields, found " + row.size());
                }
                for (String end : List.of(row.get(from), row.get(to))) {
                    if (!nodeIds.isEmpty() && !nodeIds.contains(end)) {
                        throw new BadGraphInputException(f.toString(), n, "dangling edge: vertex '" + end
                                + "' is in no node file");
                    }
                }
                String key = id >= 0 ? row.get(id) : row.get(from) + "\t" + row.get(label) + "\t" + row.get(to);
                add(new Triple(row.get(from), row.get(label), row.get(to), key), -1);
            }
        }
    }

    private void readTsv(Path f) throws IOException {
        String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
        int fixed = name.startsWith("train") ? 0 : name.startsWith("valid") ? 1 : name.startsWith("test") ? 2 : -1;
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line;
            for (long n = 1; (line = r.readLine()) != null; n++) {
                if (line.isBlank()) {
                    continue;
                }
                String[] t = line.split("\t", -1);
                if (t.length != 3 || t[0].isEmpty() || t[1].isEmpty() || t[2].isEmpty()) {
                    throw new BadGraphInputException(f.toString(), n, "expected head<TAB>relation<TAB>tail, found "
                            + t.length + " field" + (t.length == 1 ? "" : "s"));
                }
                add(new Triple(t[0], t[1], t[2], line), fixed);
            }
        }
    }

    private void add(Triple t, int fixedSplit) {
        entities.putIfAbsent(t.head(), entities.size());
        relations.putIfAbsent(t.relation(), relations.size());
        entities.putIfAbsent(t.tail(), entities.size());
        splits.get(fixedSplit >= 0 ? fixedSplit : splitOf(t.key())).add(t);
    }

    /** The documented hash split: FNV-1a 64 of the key's UTF-8 bytes, modulo 100: [0,80) train, [80,90) validation, [90,100) test. */
    static int splitOf(String key) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        long bucket = Long.remainderUnsigned(h, 100);
        return bucket < 80 ? 0 : bucket < 90 ? 1 : 2;
    }

    private void write(Path out) throws IOException {
        String[] names = {"train", "validation", "test"};
        for (int s = 0; s < 3; s++) {
            Path dir = Files.createDirectories(out.resolve(names[s]));
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(names[s] + ".tsv"), StandardCharsets.UTF_8)) {
                for (Triple t : splits.get(s)) {
                    w.write(t.head() + "\t" + t.relation() + "\t" + t.tail() + "\n");
                }
            }
        }
        writeMapping(out.resolve("entities.tsv"), entities);
        writeMapping(out.resolve("relations.tsv"), relations);
    }

    private static void writeMapping(Path file, Map<String, Integer> ids) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Integer> e : ids.entrySet()) {
                w.write(e.getValue() + "\t" + e.getKey() + "\n");
            }
        }
    }

    private ProcessedGraph summary(Path out, String location) throws IOException {
        InstanceRecommendation rec = InstanceRecommendation.forKge(entities.size(), relations.size(),
                splits.stream().mapToLong(List::size).sum(), inputBytes);
        rec.writeTo(out.resolve("train_instance_recommendation.json"));
        return new ProcessedGraph("kge", location, entities.size(), relations.size(), splits.get(0).size(),
                splits.get(1).size(), splits.get(2).size(), rec.instance(), rec.volumeSizeInGB());
    }

    private static boolean isCsv(Path f) {
        return f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
    }

    private static List<String> header(Path f) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null) {
                throw new BadGraphInputException(f.toString(), 1, "empty file: a Gremlin CSV file starts with a header");
            }
            return GremlinCsv.split(first.startsWith("\uFEFF") ? first.substring(1) : first, ',');
        }
    }
}
