package dev.kiln.server.neptune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.neptune.NeptuneJson;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Neptune ML's JSON training-data configuration ({@code {"version": "v2.0", "query_engine": "gremlin",
 * "graph": [{"nodes": [...], "edges": [...]}]}}) as the user guide's "structure of JSON training data
 * configuration files" describes it: per node file {@code file_name}, {@code separator},
 * {@code node: [id column, node type]}, {@code features}, {@code labels}; per edge file {@code source}
 * and {@code dest} ({@code [column, node type]}), {@code relation} ({@code [column or "", name]}).
 */
record TrainingDataConfiguration(List<NodeFile> nodes, List<EdgeFile> edges) {

    /** {@code feature: [column, name, type]} with the options of its type. */
    record Feature(String column, String name, String type, String norm, String imputer, String separator,
            double[] range, int bucketCount, int slideWindowSize) {}

    /** {@code label: [column, task type]} with {@code split_rate} [train, validation, test] and a multi-value separator. */
    record Label(String column, String taskType, double[] splitRate, String separator) {}

    record NodeFile(String fileName, char separator, String idColumn, String nodeType, List<Feature> features,
            List<Label> labels) {}

    record EdgeFile(String fileName, char separator, String sourceColumn, String sourceType, String relationColumn,
            String relation, String destColumn, String destType, List<Feature> features, List<Label> labels) {}

    static TrainingDataConfiguration read(Path file) throws IOException {
        JsonNode root = NeptuneJson.mapper().readTree(file.toFile());
        String where = file.getFileName().toString();
        if (!root.path("graph").isArray()) {
            throw new BadGraphInputException(where, 0, "no \"graph\" array");
        }
        if (root.has("query_engine") && !root.get("query_engine").asText().equals("gremlin")) {
            throw new BadGraphInputException(where, 0, "query_engine " + root.get("query_engine").asText()
                    + " is not supported (gremlin is)");
        }
        List<NodeFile> nodes = new ArrayList<>();
        List<EdgeFile> edges = new ArrayList<>();
        for (JsonNode g : root.get("graph")) {
            for (JsonNode n : g.path("nodes")) {
                JsonNode node = pair(where, n, "node");
                nodes.add(new NodeFile(text(where, n, "file_name"), separator(n), node.get(0).asText(), node.get(1).asText(),
                        features(where, n), labels(where, n)));
            }
            for (JsonNode e : g.path("edges")) {
                JsonNode s = pair(where, e, "source");
                JsonNode r = pair(where, e, "relation");
                JsonNode d = pair(where, e, "dest");
                edges.add(new EdgeFile(text(where, e, "file_name"), separator(e), s.get(0).asText(), s.get(1).asText(),
                        r.get(0).asText(), r.get(1).asText(), d.get(0).asText(), d.get(1).asText(), features(where, e),
                        labels(where, e)));
            }
        }
        return new TrainingDataConfiguration(nodes, edges);
    }

    private static List<Feature> features(String where, JsonNode owner) {
        List<Feature> list = new ArrayList<>();
        for (JsonNode f : owner.path("features")) {
            JsonNode spec = f.path("feature");
            if (!spec.isArray() || spec.size() < 2) {
                throw new BadGraphInputException(where, 0, "a feature needs [column, name, type]: " + f);
            }
            String type = spec.size() > 2 ? spec.get(2).asText() : "auto";
            JsonNode range = f.path("range");
            list.add(new Feature(spec.get(0).asText(), spec.get(1).asText(), type, f.path("norm").asText("min-max"),
                    f.path("imputer").asText("none"), f.has("separator") ? f.get("separator").asText() : null,
                    range.isArray() && range.size() == 2 ? new double[] {range.get(0).asDouble(), range.get(1).asDouble()} : null,
                    f.path("bucket_cnt").asInt(0), f.path("slide_window_size").asInt(0)));
        }
        return list;
    }

    private static List<Label> labels(String where, JsonNode owner) {
        List<Label> list = new ArrayList<>();
        for (JsonNode l : owner.path("labels")) {
            JsonNode spec = l.path("label");
            if (!spec.isArray() || spec.size() < 2) {
                throw new BadGraphInputException(where, 0, "a label needs [column, task type]: " + l);
            }
            double[] split = {0.8, 0.1, 0.1};
            if (l.path("split_rate").isArray()) {
                JsonNode s = l.get("split_rate");
                split = new double[] {s.path(0).asDouble(), s.path(1).asDouble(), s.path(2).asDouble()};
                double sum = split[0] + split[1] + split[2];
                if (Math.abs(sum - 1) > 1e-6) {
                    throw new BadGraphInputException(where, 0, "split_rate must add up to 1, got " + s);
                }
            }
            list.add(new Label(spec.get(0).asText(), spec.get(1).asText(), split,
                    l.has("separator") ? l.get("separator").asText() : null));
        }
        return list;
    }

    private static JsonNode pair(String where, JsonNode owner, String field) {
        JsonNode v = owner.path(field);
        if (!v.isArray() || v.size() != 2) {
            throw new BadGraphInputException(where, 0, "\"" + field + "\" must be [column, type] in " + owner);
        }
        return v;
    }

    private static String text(String where, JsonNode owner, String field) {
        if (!owner.path(field).isTextual()) {
            throw new BadGraphInputException(where, 0, "missing \"" + field + "\" in " + owner);
        }
        return owner.get(field).asText();
    }

    private static char separator(JsonNode owner) {
        String s = owner.path("separator").asText(",");
        return s.isEmpty() ? ',' : s.charAt(0);
    }
}
