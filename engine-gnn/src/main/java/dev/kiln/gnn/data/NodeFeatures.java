package dev.kiln.gnn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numeric node features, one group per file (Neptune ML: one node type per file). A file starts with a
 * header {@code entity<TAB>name1<TAB>name2...}, then one {@code entity<TAB>v1<TAB>v2...} line per node;
 * an empty cell is 0. A channel is a file or a folder (every non-hidden file, in path order); the group's
 * name is the file's path inside the channel. A node may appear in one group only. Entities new to the
 * graph get ids (isolated nodes), as labels do.
 */
public record NodeFeatures(List<Group> groups) {

    public NodeFeatures {
        groups = List.copyOf(groups);
    }

    /**
     * The features of one node group: {@code values} holds one row of {@code columns.size()} numbers per
     * entry of {@code nodes}, row-major.
     */
    public record Group(String name, List<String> columns, int[] nodes, double[] values) {
        public Group {
            columns = List.copyOf(columns);
        }

        public int width() {
            return columns.size();
        }

        public int size() {
            return nodes.length;
        }
    }

    /** No features: every node keeps a learned embedding. */
    public static NodeFeatures none() {
        return new NodeFeatures(List.of());
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /** Reads a features channel, interning entity names into {@code entities}. */
    public static NodeFeatures read(Path channel, IdMap entities) throws IOException {
        List<Group> groups = new ArrayList<>();
        Map<Integer, String> owner = new HashMap<>();
        for (Path file : TripleReader.files(channel)) {
            String name = Files.isRegularFile(channel) ? file.getFileName().toString()
                    : channel.relativize(file).toString().replace('\\', '/');
            groups.add(readGroup(file, name, entities, owner));
        }
        if (groups.isEmpty()) {
            throw new IOException("the features channel holds no files: " + channel);
        }
        return new NodeFeatures(groups);
    }

    private static Group readGroup(Path file, String name, IdMap entities, Map<Integer, String> owner)
            throws IOException {
        List<String> columns = null;
        TripleReader.IntList nodes = new TripleReader.IntList();
        double[] values = new double[1024];
        int rows = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (columns == null) {
                    if (f.length < 2) {
                        throw new IOException(file + ":" + lineNo + ": expected a header entity<TAB>name1<TAB>..., got "
                                + f.length + " field(s)");
                    }
                    columns = Arrays.stream(f, 1, f.length).map(String::strip).toList();
                    continue;
                }
                int width = columns.size();
                if (f.length != width + 1) {
                    throw new IOException(file + ":" + lineNo + ": expected " + (width + 1) + " fields as in the header, got "
                            + f.length);
                }
                int node = entities.intern(f[0].strip());
                String previous = owner.putIfAbsent(node, file + ":" + lineNo);
                if (previous != null) {
                    throw new IOException(file + ":" + lineNo + ": entity " + f[0].strip() + " already has features at "
                            + previous);
                }
                if ((rows + 1) * width > values.length) {
                    values = Arrays.copyOf(values, Math.max(values.length * 2, (rows + 1) * width));
                }
                for (int c = 0; c < width; c++) {
                    values[rows * width + c] = cell(f[c + 1], file, lineNo, columns.get(c));
                }
                nodes.add(node);
                rows++;
            }
        }
        if (columns == null) {
            throw new IOException(file + ": a features file needs a header line entity<TAB>name1<TAB>...");
        }
        return new Group(name, columns, nodes.toArray(), Arrays.copyOf(values, rows * columns.size()));
    }

    private static double cell(String s, Path file, int lineNo, String column) throws IOException {
        String v = s.strip();
        if (v.isEmpty()) {
            return 0;
        }
        try {
            double x = Double.parseDouble(v);
            if (Double.isFinite(x)) {
                return x;
            }
        } catch (NumberFormatException e) {
            // reported below with the column
        }
        throw new IOException(file + ":" + lineNo + ": feature " + column + " must be a finite number, got '" + v + "'");
    }

    /**
     * The same features with every column standardised over its group's rows (mean 0, standard deviation
     * 1; a constant column becomes 0), so raw counts or years do not swamp the projection's initial scale.
     */
    public NodeFeatures standardised() {
        List<Group> out = new ArrayList<>();
        for (Group g : groups) {
            int w = g.width(), n = g.size();
            double[] v = g.values().clone();
            for (int c = 0; c < w; c++) {
                double mean = 0;
                for (int i = 0; i < n; i++) {
                    mean += v[i * w + c];
                }
                mean /= Math.max(1, n);
                double var = 0;
                for (int i = 0; i < n; i++) {
                    double d = v[i * w + c] - mean;
                    var += d * d;
                }
                double sd = Math.sqrt(var / Math.max(1, n));
                for (int i = 0; i < n; i++) {
                    v[i * w + c] = sd > 1e-12 ? (v[i * w + c] - mean) / sd : 0;
                }
            }
            out.add(new Group(g.name(), g.columns(), g.nodes(), v));
        }
        return new NodeFeatures(out);
    }
}
