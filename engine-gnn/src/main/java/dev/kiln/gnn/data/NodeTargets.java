package dev.kiln.gnn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Numeric node targets for node regression: tab-separated {@code entity<TAB>value<TAB>split} lines, as
 * {@link NodeLabels} but with a finite number as the value (a line with anything else fails with its file
 * and line). Entities new to the graph get ids (isolated nodes); an entity may have one target.
 */
public record NodeTargets(Split train, Split validation, Split test) {

    /** Nodes of one split and their targets, as parallel arrays. */
    public record Split(int[] nodes, double[] values) {
        public int size() {
            return nodes.length;
        }
    }

    /** Reads a labels channel of numeric targets, interning entity names into {@code entities}. */
    public static NodeTargets read(Path channel, IdMap entities) throws IOException {
        TripleReader.IntList[] nodes = {new TripleReader.IntList(), new TripleReader.IntList(), new TripleReader.IntList()};
        DoubleList[] values = {new DoubleList(), new DoubleList(), new DoubleList()};
        Set<Integer> seen = new HashSet<>();
        TripleReader.rows(channel, "entity<TAB>value<TAB>split", (file, lineNo, f) -> {
            int split = NodeLabels.splitIndex(file, lineNo, f[2]);
            double v;
            try {
                v = Double.parseDouble(f[1].strip());
            } catch (NumberFormatException e) {
                throw new IOException(file + ":" + lineNo + ": node regression needs a numeric value, got '"
                        + f[1].strip() + "'");
            }
            if (!Double.isFinite(v)) {
                throw new IOException(file + ":" + lineNo + ": value must be finite, got " + f[1].strip());
            }
            int node = entities.intern(f[0].strip());
            if (!seen.add(node)) {
                throw new IOException(file + ":" + lineNo + ": entity " + f[0].strip() + " has two values");
            }
            nodes[split].add(node);
            values[split].add(v);
        });
        NodeTargets t = new NodeTargets(new Split(nodes[0].toArray(), values[0].toArray()),
                new Split(nodes[1].toArray(), values[1].toArray()), new Split(nodes[2].toArray(), values[2].toArray()));
        if (t.train.size() == 0) {
            throw new IOException("the labels channel holds no train values: " + channel);
        }
        return t;
    }

    private static final class DoubleList {
        private double[] a = new double[1024];
        private int n;

        void add(double v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        double[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
