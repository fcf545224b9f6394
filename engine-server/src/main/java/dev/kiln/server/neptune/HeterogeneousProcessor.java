package dev.kiln.server.neptune;

import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.server.neptune.TrainingDataConfiguration.EdgeFile;
import dev.kiln.server.neptune.TrainingDataConfiguration.Feature;
import dev.kiln.server.neptune.TrainingDataConfiguration.Label;
import dev.kiln.server.neptune.TrainingDataConfiguration.NodeFile;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Data processing for heterogeneous graphs: Gremlin CSV node and edge files described by the JSON
 * training-data configuration. Output under processedDataS3Location: {@code nodes/<type>/ids.tsv}
 * ({@code index<TAB>~id}), {@code nodes/<type>/<file>.features.tsv} (a header of feature names, then
 * {@code index<TAB>values...}), {@code nodes/<type>/<file>.<column>.labels.tsv} ({@code index<TAB>label<TAB>split}),
 * {@code edges/<source>_<relation>_<dest>.tsv} ({@code source index<TAB>dest index<TAB>split}), edge
 * features and labels likewise, {@code graph-schema.json} and {@code train_instance_recommendation.json}.
 * Splits follow {@code split_rate} by a hash of the node's type and id (of the edge's key for edge
 * labels): u = fmix64(FNV-1a 64) / 2^64 (murmur3's finaliser), train below rate[0], validation below rate[0]+rate[1], else test.
 * Rows without a label value are in no split. Edges without a link_prediction label are all train.
 */
final class HeterogeneousProcessor {
    private final Map<String, Map<String, Integer>> nodeIds = new LinkedHashMap<>();
    /** The nodes of this export: a previous job's id that is gone keeps its index but is no edge endpoint. */
    private final Map<String, java.util.Set<String>> present = new java.util.HashMap<>();
    private final Map<String, Object> schema = new LinkedHashMap<>();
    private final List<Map<String, Object>> tasks = new ArrayList<>();
    private final int[] edgeSplits = new int[3];
    private long inputBytes;
    private long featureValues;

    /** @param previousNodes a previous job's {@code nodes/} folder whose ids are kept (incremental processing), or null */
    HeterogeneousProcessor(Path previousNodes) throws IOException {
        if (previousNodes == null || !Files.isDirectory(previousNodes)) {
            return;
        }
        try (var types = Files.list(previousNodes)) {
            for (Path type : types.sorted().toList()) {
                Path ids = type.resolve("ids.tsv");
                if (!Files.isRegularFile(ids)) {
                    continue;
                }
                Map<String, Integer> map = nodeIds.computeIfAbsent(type.getFileName().toString(), k -> new LinkedHashMap<>());
                for (String line : Files.readAllLines(ids, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (tab > 0) {
                        map.putIfAbsent(line.substring(tab + 1), map.size());
                    }
                }
            }
        }
    }

    ProcessedGraph process(Path input, String configFileName, Path out, String location) throws IOException {
        Path configFile = input.resolve(configFileName);
        if (!Files.isRegularFile(configFile)) {
            throw new BadGraphInputException(input.toString(), 0, "no training-data configuration " + configFileName);
        }
        TrainingDataConfiguration config = TrainingDataConfiguration.read(configFile);
        for (NodeFile n : config.nodes()) {
            readNodes(input, n, out);
        }
        List<Map<String, Object>> edgeTypes = new ArrayList<>();
        for (EdgeFile e : config.edges()) {
            edgeTypes.add(readEdges(input, e, out));
        }
        Map<String, Object> nodeTypes = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Integer>> t : nodeIds.entrySet()) {
            Path dir = Files.createDirectories(out.resolve("nodes").resolve(t.getKey()));
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("ids.tsv"), StandardCharsets.UTF_8)) {
                for (Map.Entry<String, Integer> id : t.getValue().entrySet()) {
                    w.write(id.getValue() + "\t" + id.getKey() + "\n");
                }
            }
            nodeTypes.put(t.getKey(), Map.of("count", t.getValue().size()));
        }
        schema.put("node_types", nodeTypes);
        schema.put("edge_types", edgeTypes);
        schema.put("tasks", tasks);
        Files.writeString(out.resolve("graph-schema.json"), NeptuneJson.pretty(schema));
        int nodes = nodeIds.values().stream().mapToInt(Map::size).sum();
        long edges = edgeSplits[0] + edgeSplits[1] + edgeSplits[2];
        InstanceRecommendation rec = InstanceRecommendation.forGraph(nodes, edges, featureValues, inputBytes);
        rec.writeTo(out.resolve("train_instance_recommendation.json"));
        return new ProcessedGraph("heterogeneous", location, nodes, edgeTypes.size(), edgeSplits[0], edgeSplits[1],
                edgeSplits[2], rec.instance(), rec.volumeSizeInGB());
    }

    private record Table(String file, List<String> header, List<List<String>> rows, long[] lines) {
        int column(String name, String role) {
            for (int i = 0; i < header.size(); i++) {
                if (GremlinCsv.name(header.get(i)).equals(name)) {
                    return i;
                }
            }
            throw new BadGraphInputException(file, 1, role + " column '" + name + "' does not exist (header: " + header + ")");
        }

        List<String> values(int column) {
            return rows.stream().map(r -> r.get(column)).toList();
        }
    }

    private Table read(Path input, String fileName, char separator) throws IOException {
        Path f = input.resolve(fileName);
        if (!Files.isRegularFile(f)) {
            throw new BadGraphInputException(fileName, 0, "file named in the training-data configuration does not exist");
        }
        inputBytes += Files.size(f);
        List<List<String>> rows = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        List<String> header;
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String first = r.readLine();
            if (first == null) {
                throw new BadGraphInputException(fileName, 1, "empty file: a Gremlin CSV file starts with a header");
            }
            header = GremlinCsv.split(first.startsWith("\uFEFF") ? first.substring(1) : first, separator);
            GremlinCsv.checkHeader(fileName, header);
            String line;
            for (long n = 2; (line = r.readLine()) != null; n++) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> row = GremlinCsv.split(line, separator);
                if (row.size() != header.size()) {
                    throw new BadGraphInputException(fileName, n, "expected " + header.size() + " fields, found " + row.size());
                }
                rows.add(row);
                lines.add(n);
            }
        }
        return new Table(fileName, header, rows, lines.stream().mapToLong(Long::longValue).toArray());
    }

    private void readNodes(Path input, NodeFile n, Path out) throws IOException {
        Table t = read(input, n.fileName(), n.separator());
        int id = t.column(n.idColumn(), "node id");
        Map<String, Integer> ids = nodeIds.computeIfAbsent(n.nodeType(), k -> new LinkedHashMap<>());
        int[] index = new int[t.rows().size()];
        java.util.Set<String> seen = present.computeIfAbsent(n.nodeType(), k -> new java.util.HashSet<>());
        for (int i = 0; i < index.length; i++) {
            index[i] = ids.computeIfAbsent(t.rows().get(i).get(id), k -> ids.size());
            seen.add(t.rows().get(i).get(id));
        }
        Path dir = Files.createDirectories(out.resolve("nodes").resolve(n.nodeType()));
        String stem = stem(n.fileName());
        writeFeatures(t, n.features(), index, dir.resolve(stem + ".features.tsv"));
        for (Label l : n.labels()) {
            List<String> keys = t.rows().stream().map(r -> n.nodeType() + "\t" + r.get(id)).toList();
            writeLabels(t, l, index, keys, dir.resolve(stem + "." + l.column() + ".labels.tsv"), "node", n.nodeType());
        }
    }

    private Map<String, Object> readEdges(Path input, EdgeFile e, Path out) throws IOException {
        Table t = read(input, e.fileName(), e.separator());
        int from = t.column(e.sourceColumn(), "edge source");
        int to = t.column(e.destColumn(), "edge destination");
        int relationColumn = e.relationColumn().isEmpty() ? -1 : t.column(e.relationColumn(), "edge relation");
        int edgeId = t.header().contains("~id") ? t.header().indexOf("~id") : -1;
        Label link = e.labels().stream().filter(l -> l.taskType().equals("link_prediction")).findFirst().orElse(null);
        String name = e.sourceType() + "_" + e.relation() + "_" + e.destType();
        Path dir = Files.createDirectories(out.resolve("edges"));
        int[] index = new int[t.rows().size()];
        List<String> keys = new ArrayList<>();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(name + ".tsv"), StandardCharsets.UTF_8)) {
            for (int i = 0; i < index.length; i++) {
                List<String> row = t.rows().get(i);
                int s = endpoint(t, i, e.sourceType(), row.get(from));
                int d = endpoint(t, i, e.destType(), row.get(to));
                String relation = relationColumn < 0 ? e.relation() : row.get(relationColumn);
                String key = edgeId >= 0 ? row.get(edgeId) : row.get(from) + "\t" + relation + "\t" + row.get(to);
                keys.add(key);
                int split = link == null ? 0 : split(key, link.splitRate());
                edgeSplits[split]++;
                w.write(s + "\t" + d + "\t" + SPLITS[split] + (relationColumn < 0 ? "" : "\t" + relation) + "\n");
                index[i] = i;
            }
        }
        writeFeatures(t, e.features(), index, dir.resolve(name + ".features.tsv"));
        for (Label l : e.labels()) {
            if (l != link) {
                writeLabels(t, l, index, keys, dir.resolve(name + "." + l.column() + ".labels.tsv"), "edge", name);
            } else {
                tasks.add(Map.of("target", "edge", "type", name, "task", "link_prediction"));
            }
        }
        return Map.of("source", e.sourceType(), "relation", e.relation(), "dest", e.destType(), "count", index.length,
                "file", "edges/" + name + ".tsv");
    }

    private int endpoint(Table t, int row, String type, String id) {
        Integer index = nodeIds.getOrDefault(type, Map.of()).get(id);
        if (index == null || !present.getOrDefault(type, java.util.Set.of()).contains(id)) {
            throw new BadGraphInputException(t.file(), t.lines()[row], "dangling edge: no " + type + " node '" + id + "'");
        }
        return index;
    }

    private void writeFeatures(Table t, List<Feature> features, int[] index, Path file) throws IOException {
        if (features.isEmpty()) {
            return;
        }
        List<FeatureEncoder.Encoded> encoded = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Feature f : features) {
            int c = t.column(f.column(), "feature");
            FeatureEncoder.Encoded e = FeatureEncoder.encode(f, GremlinCsv.type(t.header().get(c)), t.values(c), t.lines(), t.file());
            encoded.add(e);
            names.addAll(e.names());
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("index\t" + String.join("\t", names) + "\n");
            for (int i = 0; i < index.length; i++) {
                StringBuilder line = new StringBuilder().append(index[i]);
                for (FeatureEncoder.Encoded e : encoded) {
                    for (float v : e.values()[i]) {
                        line.append('\t').append(v);
                    }
                }
                w.write(line.append('\n').toString());
            }
        }
        featureValues += (long) index.length * names.size();
    }

    private void writeLabels(Table t, Label l, int[] index, List<String> keys, Path file, String target, String type)
            throws IOException {
        int c = t.column(l.column(), "label");
        if (!List.of("classification", "regression").contains(l.taskType())) {
            throw new BadGraphInputException(t.file(), 0, "label task type '" + l.taskType() + "' is not supported "
                    + "(classification, regression, link_prediction are)");
        }
        int[] counts = new int[3];
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < index.length; i++) {
                String value = t.rows().get(i).get(c);
                if (value.isEmpty()) {
                    continue;
                }
                if (l.taskType().equals("regression")) {
                    try {
                        Double.parseDouble(value);
                    } catch (NumberFormatException e) {
                        throw new BadGraphInputException(t.file(), t.lines()[i], "regression label '" + value + "' is not a number");
                    }
                }
                int split = split(keys.get(i), l.splitRate());
                counts[split]++;
                w.write(index[i] + "\t" + value + "\t" + SPLITS[split] + "\n");
            }
        }
        tasks.add(Map.of("target", target, "type", type, "task", l.taskType(), "column", l.column(),
                "file", file.getParent().getFileName() + "/" + file.getFileName(), "train", counts[0], "validation", counts[1],
                "test", counts[2]));
    }

    private static final String[] SPLITS = {"train", "validation", "test"};

    /** The documented split: u = fmix64(FNV-1a 64 of the key) / 2^64 against the cumulative split_rate. */
    static int split(String key, double[] rate) {
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        // FNV's high bits barely change between keys that differ in the last characters (p1, p2, ...):
        // murmur3's finaliser spreads them before the top 53 bits become a fraction.
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        double u = (h >>> 11) * 0x1.0p-53;
        return u < rate[0] ? 0 : u < rate[0] + rate[1] ? 1 : 2;
    }

    private static String stem(String fileName) {
        String base = Path.of(fileName).getFileName().toString();
        return base.contains(".") ? base.substring(0, base.lastIndexOf('.')) : base;
    }
}
