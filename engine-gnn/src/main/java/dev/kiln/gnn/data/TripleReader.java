package dev.kiln.gnn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads tab-separated {@code head<TAB>relation<TAB>tail} lines. A channel is a file or a directory;
 * a directory contributes every regular, non-hidden file under it in path order, as S3 prefixes do.
 */
public final class TripleReader {
    private TripleReader() {}

    /** Reads a channel, interning names into the given maps. */
    public static Triples read(Path channel, IdMap entities, IdMap relations) throws IOException {
        IntList h = new IntList();
        IntList r = new IntList();
        IntList t = new IntList();
        rows(channel, "head<TAB>relation<TAB>tail", (file, lineNo, f) -> {
            h.add(entities.intern(f[0].strip()));
            r.add(relations.intern(f[1].strip()));
            t.add(entities.intern(f[2].strip()));
        });
        return new Triples(h.toArray(), r.toArray(), t.toArray());
    }

    /** One row of a three-column file, with where it came from for error messages. */
    @FunctionalInterface
    public interface Row {
        void accept(Path file, int lineNo, String[] fields) throws IOException;
    }

    /**
     * Every non-blank line of the channel's files, split on tabs into exactly three fields
     * ({@code shape} names them in the error for a line that has another count).
     */
    public static void rows(Path channel, String shape, Row row) throws IOException {
        for (Path file : files(channel)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                String line;
                int lineNo = 0;
                while ((line = in.readLine()) != null) {
                    lineNo++;
                    if (line.isBlank()) {
                        continue;
                    }
                    String[] f = line.split("\t");
                    if (f.length != 3) {
                        throw new IOException(file + ":" + lineNo + ": expected " + shape + ", got " + f.length + " fields");
                    }
                    row.accept(file, lineNo, f);
                }
            }
        }
    }

    static List<Path> files(Path channel) throws IOException {
        if (Files.isRegularFile(channel)) {
            return List.of(channel);
        }
        try (Stream<Path> s = Files.walk(channel)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    /** A growable int array; boxing a quarter-million triples would double the load time. */
    public static final class IntList {
        private int[] a = new int[1024];
        private int n;

        public void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        public int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
