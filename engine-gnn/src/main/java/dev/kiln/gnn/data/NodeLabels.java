package dev.kiln.gnn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Node labels for node classification: tab-separated {@code entity<TAB>label<TAB>split} lines, split
 * one of {@code train}, {@code validation} (or {@code valid}) and {@code test}. A channel is a file or a
 * folder (every non-hidden file, in path order). Entities new to the graph get ids (isolated nodes);
 * class ids follow first appearance.
 */
public record NodeLabels(IdMap classes, Split train, Split validation, Split test) {

    /** Labelled nodes of one split: parallel arrays of node id and class id. */
    public record Split(int[] nodes, int[] labels) {
        public int size() {
            return nodes.length;
        }
    }

    /** Reads a labels channel, interning entity names into {@code entities}. */
    public static NodeLabels read(Path channel, IdMap entities) throws IOException {
        IdMap classes = new IdMap();
        TripleReader.IntList[] nodes = {new TripleReader.IntList(), new TripleReader.IntList(), new TripleReader.IntList()};
        TripleReader.IntList[] labels = {new TripleReader.IntList(), new TripleReader.IntList(), new TripleReader.IntList()};
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        TripleReader.rows(channel, "entity<TAB>label<TAB>split", (file, lineNo, f) -> {
            int split = splitIndex(file, lineNo, f[2]);
            int node = entities.intern(f[0].strip());
            if (!seen.add(node)) {
                throw new IOException(file + ":" + lineNo + ": entity " + f[0].strip() + " is labelled twice");
            }
            nodes[split].add(node);
            labels[split].add(classes.intern(f[1].strip()));
        });
        NodeLabels l = new NodeLabels(classes, split(nodes[0], labels[0]), split(nodes[1], labels[1]),
                split(nodes[2], labels[2]));
        if (l.train.size() == 0) {
            throw new IOException("the labels channel holds no train labels: " + channel);
        }
        return l;
    }

    /** 0, 1 or 2 for {@code train}, {@code validation} (or {@code valid}) and {@code test}. */
    static int splitIndex(Path file, int lineNo, String split) throws IOException {
        return switch (split.strip().toLowerCase(Locale.ROOT)) {
            case "train" -> 0;
            case "validation", "valid" -> 1;
            case "test" -> 2;
            default -> throw new IOException(file + ":" + lineNo
                    + ": split must be train, validation or test, got " + split.strip());
        };
    }

    private static Split split(TripleReader.IntList n, TripleReader.IntList l) {
        return new Split(n.toArray(), l.toArray());
    }
}
