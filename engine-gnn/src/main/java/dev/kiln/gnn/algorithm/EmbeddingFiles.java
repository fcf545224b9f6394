package dev.kiln.gnn.algorithm;

import dev.kiln.gnn.model.EmbeddingTable;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The embedding file format: the 8 ASCII bytes {@code KILNEMB1}, then rows and dim as little-endian
 * int32, then rows * dim little-endian float32 in row-major order (numpy:
 * {@code np.fromfile(f, '<f4', offset=16).reshape(rows, dim)}). Names sit beside it in a TSV.
 */
public final class EmbeddingFiles {
    static final byte[] MAGIC = "KILNEMB1".getBytes(StandardCharsets.US_ASCII);

    private EmbeddingFiles() {}

    public static void write(Path file, EmbeddingTable t) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            out.write(MAGIC);
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(t.rows()).putInt(t.dim());
            out.write(header.array());
            ByteBuffer b = ByteBuffer.allocate(t.data().length * 4).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(t.data());
            out.write(b.array());
        }
    }

    public static EmbeddingTable read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            byte[] magic = in.readNBytes(8);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IOException(file + " is not a Kiln embedding file");
            }
            ByteBuffer header = ByteBuffer.wrap(in.readNBytes(8)).order(ByteOrder.LITTLE_ENDIAN);
            int rows = header.getInt(), dim = header.getInt();
            float[] data = new float[Math.multiplyExact(rows, dim)];
            ByteBuffer.wrap(in.readNBytes(data.length * 4)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            return new EmbeddingTable(rows, dim, data);
        }
    }

    /** Writes {@code id<TAB>name} lines. */
    public static void writeNames(Path file, List<String> names) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            sb.append(i).append('\t').append(names.get(i)).append('\n');
        }
        Files.writeString(file, sb, StandardCharsets.UTF_8);
    }

    /** Reads names written by {@link #writeNames}, in id order. */
    public static List<String> readNames(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isEmpty())
                .map(l -> l.substring(l.indexOf('\t') + 1))
                .toList();
    }
}
