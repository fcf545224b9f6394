package dev.kiln.server.neptune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.NeptuneMlException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The processing step of an rgcn model-training job: turns a processed heterogeneous graph into the
 * channels of engine-gnn's {@code rgcn} algorithm, every node named by its Neptune vertex {@code ~id}.
 * <ul>
 * <li>{@code train/graph.tsv}: {@code head<TAB>relation<TAB>tail}, relation {@code source_relation_dest};
 *     every edge, except that a link-prediction target keeps only its train-split edges here and puts the
 *     others in {@code validation/validation.tsv} and {@code test/test.tsv};</li>
 * <li>{@code labels/labels.tsv} (node targets): {@code entity<TAB>label<TAB>split};</li>
 * <li>{@code features/<node type>.tsv}: header {@code entity<TAB>name...}, then {@code entity<TAB>values...};
 *     several feature files of one type are joined column-wise (a node missing from one gets zeros there);</li>
 * <li>{@code node-types.tsv} (not a channel): {@code ~id<TAB>node type}, published by the transform step.</li>
 * </ul>
 * Neptune vertex ids are unique across labels, so a graph in which two node types share an id is refused.
 */
final class RgcnInputs {
    static final String NODE_TYPES = "node-types.tsv";

    /** What was written: the target and the channel folders present under the output folder. */
    record Written(GraphTarget target, List<String> channels) {}

    private RgcnInputs() {}

    /** Reads only graph-schema.json: the target, refused early when rgcn cannot train it. */
    static GraphTarget target(Path processed, String dataProcessingJobId) throws IOException {
        return GraphTarget.of(schema(processed), dataProcessingJobId);
    }

    static Written write(Path processed, String dataProcessingJobId, Path out) throws IOException {
        JsonNode schema = schema(processed);
        GraphTarget target = GraphTarget.of(schema, dataProcessingJobId);
        Map<String, List<String>> names = new LinkedHashMap<>();
        Map<String, String> typeOf = new HashMap<>();
        try (BufferedWriter w = writer(out.resolve(NODE_TYPES))) {
            for (var it = schema.path("node_types").fieldNames(); it.hasNext();) {
                String type = it.next();
                List<String> ids = column(processed.resolve("nodes").resolve(type).resolve("ids.tsv"));
                for (String id : ids) {
                    if (id.indexOf('\t') >= 0) {
                        throw NeptuneMlException.badRequest("Vertex id '" + id + "' of node type " + type
                                + " contains a tab, which the tab-separated rgcn channels cannot hold");
                    }
                    String other = typeOf.putIfAbsent(id, type);
                    if (other != null) {
                        throw NeptuneMlException.badRequest("Vertex id '" + id + "' belongs to node types " + other + " and "
                                + type + "; rgcn names nodes by ~id, which Neptune keeps unique across labels");
                    }
                    w.write(id + "\t" + type + "\n");
                }
                names.put(type, ids);
            }
        }
        List<String> channels = new ArrayList<>(List.of("train"));
        channels.addAll(edges(processed, schema, target, names, out));
        if (target.isNodeTarget()) {
            labels(processed.resolve("nodes").resolve(target.file()), names.get(target.type()), out);
            channels.add("labels");
        }
        if (features(processed, names, out)) {
            channels.add("features");
        }
        return new Written(target, channels);
    }

    /** Writes train (and, for a link-prediction target, validation and test); returns the extra channels. */
    private static List<String> edges(Path processed, JsonNode schema, GraphTarget target, Map<String, List<String>> names,
            Path out) throws IOException {
        Map<String, BufferedWriter> split = new LinkedHashMap<>();
        try (BufferedWriter train = writer(out.resolve("train/graph.tsv"))) {
            split.put("train", train);
            for (JsonNode e : schema.path("edge_types")) {
                String source = e.path("source").asText();
                String dest = e.path("dest").asText();
                String type = source + "_" + e.path("relation").asText() + "_" + dest;
                boolean linkTarget = !target.isNodeTarget() && target.type().equals(type);
                for (String line : Files.readAllLines(processed.resolve(e.path("file").asText()), StandardCharsets.UTF_8)) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String[] f = line.split("\t", -1);
                    String relation = f.length > 3 ? source + "_" + f[3] + "_" + dest : type;
                    String triple = names.get(source).get(Integer.parseInt(f[0])) + "\t" + relation + "\t"
                            + names.get(dest).get(Integer.parseInt(f[1])) + "\n";
                    String s = linkTarget ? f[2] : "train";
                    BufferedWriter w = split.get(s);
                    if (w == null) {
                        w = writer(out.resolve(s).resolve(s + ".tsv"));
                        split.put(s, w);
                    }
                    w.write(triple);
                }
            }
        } finally {
            for (Map.Entry<String, BufferedWriter> w : split.entrySet()) {
                if (!w.getKey().equals("train")) {
                    w.getValue().close();
                }
            }
        }
        return split.keySet().stream().filter(s -> !s.equals("train")).toList();
    }

    private static void labels(Path file, List<String> names, Path out) throws IOException {
        try (BufferedWriter w = writer(out.resolve("labels/labels.tsv"))) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isEmpty()) {
                    continue;
                }
                int tab = line.indexOf('\t');
                w.write(names.get(Integer.parseInt(line.substring(0, tab))) + line.substring(tab) + "\n");
            }
        }
    }

    /** One features file per node type that has any; returns whether one was written. */
    private static boolean features(Path processed, Map<String, List<String>> names, Path out) throws IOException {
        boolean any = false;
        for (Map.Entry<String, List<String>> type : names.entrySet()) {
            Path dir = processed.resolve("nodes").resolve(type.getKey());
            List<Path> files;
            try (var list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().endsWith(".features.tsv")).sorted().toList();
            }
            if (files.isEmpty()) {
                continue;
            }
            List<String> header = new ArrayList<>();
            Map<Integer, String[]> rows = new TreeMap<>();
            for (Path f : files) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                String[] h = lines.get(0).split("\t");
                int offset = header.size();
                int width = h.length - 1;
                header.addAll(List.of(h).subList(1, h.length));
                for (String line : lines.subList(1, lines.size())) {
                    if (line.isEmpty()) {
                        continue;
                    }
                    String[] v = line.split("\t");
                    String[] row = rows.computeIfAbsent(Integer.parseInt(v[0]), k -> new String[0]);
                    if (row.length < offset + width) {
                        row = java.util.Arrays.copyOf(row, offset + width);
                        rows.put(Integer.parseInt(v[0]), row);
                    }
                    System.arraycopy(v, 1, row, offset, width);
                }
            }
            try (BufferedWriter w = writer(out.resolve("features").resolve(type.getKey() + ".tsv"))) {
                w.write("entity\t" + String.join("\t", header) + "\n");
                for (Map.Entry<Integer, String[]> row : rows.entrySet()) {
                    StringBuilder line = new StringBuilder(type.getValue().get(row.getKey()));
                    for (int i = 0; i < header.size(); i++) {
                        String v = i < row.getValue().length ? row.getValue()[i] : null;
                        line.append('\t').append(v == null ? "0.0" : v);
                    }
                    w.write(line.append('\n').toString());
                }
            }
            any = true;
        }
        return any;
    }

    private static JsonNode schema(Path processed) throws IOException {
        Path f = processed.resolve("graph-schema.json");
        if (!Files.isRegularFile(f)) {
            throw NeptuneMlException.badRequest("No graph-schema.json under " + processed + ": not a heterogeneous graph");
        }
        return NeptuneJson.mapper().readTree(f.toFile());
    }

    /** The second column of an {@code index<TAB>value} file, by index (data processing writes indices 0..n-1). */
    private static List<String> column(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (Integer.parseInt(line.substring(0, tab)) != out.size()) {
                throw new IOException(file + ": indices are not 0..n-1 in order at '" + line + "'");
            }
            out.add(line.substring(tab + 1));
        }
        return out;
    }

    private static BufferedWriter writer(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
}
