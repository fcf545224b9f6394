package dev.kiln.gnn.algorithm;

import dev.kiln.gnn.data.IdMap;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.rgcn.LinkPredictionTrainer;
import dev.kiln.gnn.rgcn.Param;
import dev.kiln.gnn.rgcn.RgcnModel;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an RGCN node model keeps for incremental training, and the warm start from it.
 * {@code input_embeddings.bin} (the {@link EmbeddingFiles} format) holds the first layer's input of every
 * entity of {@code entities.tsv}: its learned embedding, or the projection of its features.
 * {@code rgcn_parameters.bin} holds every other tensor: the 8 ASCII bytes {@code KILNPRM1}, the tensor
 * count, then per tensor the name's byte length, the name (UTF-8), the rank, the dimensions and the values
 * as float64, row-major; integers are int32 and everything little-endian.
 *
 * <p>A warm start copies input embeddings by entity name (into nodes that have no features now), relation
 * coefficient rows by relation name, the output layer's columns by class name (classification; regression
 * reuses a regression model's output layer), and every other tensor whose name and shape match. A
 * link-prediction model keeps the same files, its {@code rgcn_parameters.bin} including the DistMult
 * decoder's {@code distmult.relations} [relations x dim], whose rows a link-prediction warm start copies by
 * relation name; node and link models do not mix.
 */
final class RgcnWarmStart {
    static final String INPUT = "input_embeddings.bin";
    static final String PARAMETERS = "rgcn_parameters.bin";
    private static final byte[] MAGIC = "KILNPRM1".getBytes(StandardCharsets.US_ASCII);

    private RgcnWarmStart() {}

    /** A saved tensor. */
    record Tensor(int[] shape, double[] values) {}

    /** Writes the two warm-start files into the model dir; {@code inputRows} is numNodes x hidden. */
    static void save(Path dir, RgcnModel model, double[] inputRows) throws IOException {
        float[] f = new float[inputRows.length];
        for (int k = 0; k < f.length; k++) {
            f[k] = (float) inputRows[k];
        }
        EmbeddingFiles.write(dir.resolve(INPUT), new EmbeddingTable(model.config().numNodes(), model.config().hidden(), f));
        List<Param> tensors = model.params().stream().filter(p -> !p.name().equals("embedding")).toList();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                Files.newOutputStream(dir.resolve(PARAMETERS)), 1 << 16))) {
            out.write(MAGIC);
            out.write(le(4).putInt(tensors.size()).array());
            for (Param p : tensors) {
                byte[] name = p.name().getBytes(StandardCharsets.UTF_8);
                int[] shape = p.shape();
                ByteBuffer h = le(8 + name.length + 4 * shape.length).putInt(name.length).put(name).putInt(shape.length);
                for (int d : shape) {
                    h.putInt(d);
                }
                out.write(h.array());
                ByteBuffer v = le(p.value().length * 8);
                v.asDoubleBuffer().put(p.value());
                out.write(v.array());
            }
        }
    }

    /** Reads {@code rgcn_parameters.bin}, by tensor name. */
    static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Tensor> m = new LinkedHashMap<>();
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file)))) {
            if (!Arrays.equals(in.readNBytes(8), MAGIC)) {
                throw new IOException(file + " is not a Kiln RGCN parameter file");
            }
            int count = readInt(in);
            for (int t = 0; t < count; t++) {
                String name = new String(in.readNBytes(readInt(in)), StandardCharsets.UTF_8);
                int[] shape = new int[readInt(in)];
                int size = 1;
                for (int d = 0; d < shape.length; d++) {
                    shape[d] = readInt(in);
                    size = Math.multiplyExact(size, shape[d]);
                }
                double[] values = new double[size];
                ByteBuffer.wrap(in.readNBytes(size * 8)).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
                m.put(name, new Tensor(shape, values));
            }
        }
        return m;
    }

    /**
     * Starts {@code model} from the previous model; {@code classes} names the output units of a
     * classification job (null for regression). Returns what was reused, for the log.
     */
    static String apply(PreviousModel prev, RgcnModel model, IdMap entities, IdMap relations, List<String> classes)
            throws IOException {
        String task = classes == null ? RgcnHyperParameters.NODE_REGRESSION : "node-classification";
        if (!prev.algorithm().equals("rgcn") || prev.task().equals(RgcnHyperParameters.LINK_PREDICT)) {
            throw new IllegalArgumentException("the model channel holds a " + prev.algorithm()
                    + (prev.task().isEmpty() ? "" : " " + prev.task()) + " model; an rgcn " + task
                    + " job warm-starts from an rgcn node-classification or node-regression model");
        }
        return reuse(prev, model, entities, relations, classes, false);
    }

    /**
     * Starts a link-prediction encoder (with its DistMult decoder among its params) from a previous rgcn
     * link-prediction model: the decoder's relation rows by relation name, the rest as for node tasks, the
     * last layer when its shape matches. Returns what was reused, for the log.
     */
    static String applyLink(PreviousModel prev, RgcnModel model, IdMap entities, IdMap relations) throws IOException {
        if (!prev.algorithm().equals("rgcn") || !prev.task().equals(RgcnHyperParameters.LINK_PREDICT)) {
            throw new IllegalArgumentException("the model channel holds a " + prev.algorithm()
                    + (prev.task().isEmpty() ? "" : " " + prev.task()) + " model; an rgcn "
                    + RgcnHyperParameters.LINK_PREDICT + " job warm-starts from an rgcn "
                    + RgcnHyperParameters.LINK_PREDICT + " model");
        }
        return reuse(prev, model, entities, relations, null, true);
    }

    private static String reuse(PreviousModel prev, RgcnModel model, IdMap entities, IdMap relations,
                                List<String> classes, boolean link) throws IOException {
        int hidden = model.config().hidden();
        EmbeddingTable input = EmbeddingFiles.read(prev.file(INPUT));
        if (input.dim() != hidden) {
            throw new IllegalArgumentException("the model channel's rgcn model has input width " + input.dim()
                    + ", this rgcn job has num-hidden " + hidden + " (they must match)");
        }
        List<String> prevEntities = EmbeddingFiles.readNames(prev.file("entities.tsv"));
        int nodes = 0;
        for (int p = 0; p < Math.min(prevEntities.size(), input.rows()); p++) {
            int id = entities.idOf(prevEntities.get(p));
            if (id >= 0 && model.setInputEmbedding(id, input.data(), input.offset(p))) {
                nodes++;
            }
        }
        Map<String, Tensor> saved = read(prev.file(PARAMETERS));
        List<String> prevRelations = EmbeddingFiles.readNames(prev.file("relations.tsv"));
        Path prevClassFile = prev.dir().resolve("classes.tsv");
        List<String> prevClasses = classes != null && Files.isRegularFile(prevClassFile)
                ? EmbeddingFiles.readNames(prevClassFile) : null;
        String outputLayer = "layer" + (model.config().layers() - 1) + ".";
        int reused = 0, total = 0, decoderRows = link ? 0 : -1;
        for (Param q : model.params()) {
            if (q.name().equals("embedding") || q.value().length == 0) {
                continue;
            }
            total++;
            Tensor t = saved.get(q.name());
            boolean ok;
            if (t == null) {
                ok = false;
            } else if (q.name().endsWith(".coeff")) {
                ok = copyRows(t, q, index(prevRelations), relations);
            } else if (q.name().equals(LinkPredictionTrainer.DECODER)) {
                decoderRows = copyDecoderRows(t, q, index(prevRelations), relations);
                ok = decoderRows > 0;
            } else if (link) {
                ok = copySame(t, q);
            } else if (q.name().startsWith(outputLayer)) {
                ok = classes != null ? prevClasses != null && copyColumns(t, q, index(prevClasses), classes)
                        : prev.task().equals(RgcnHyperParameters.NODE_REGRESSION) && copySame(t, q);
            } else {
                ok = copySame(t, q);
            }
            reused += ok ? 1 : 0;
        }
        long sharedRelations = relations.names().stream().filter(prevRelations::contains).count();
        return String.format("%d of %d input embeddings reused by entity name, %d of %d parameter tensors reused "
                + "(%d of %d relations known)%s", nodes, entities.size(), reused, total, sharedRelations,
                relations.size(), decoderRows < 0 ? "" : ", " + decoderRows + " of " + relations.size()
                        + " decoder relation rows reused by relation name");
    }

    private static boolean copySame(Tensor t, Param q) {
        if (!Arrays.equals(t.shape(), q.shape())) {
            return false;
        }
        System.arraycopy(t.values(), 0, q.value(), 0, t.values().length);
        return true;
    }

    /** Relation coefficients [2R x bases]: row r (and its inverse r + R) from the previous row of the same name. */
    private static boolean copyRows(Tensor t, Param q, Map<String, Integer> prev, IdMap relations) {
        int[] s = q.shape(), ps = t.shape();
        if (s.length != 2 || ps.length != 2 || s[1] != ps[1]) {
            return false;
        }
        int r2 = s[0] / 2, pr2 = ps[0] / 2, b = s[1];
        boolean any = false;
        for (int r = 0; r < Math.min(r2, relations.size()); r++) {
            Integer p = prev.get(relations.name(r));
            if (p != null && p < pr2) {
                System.arraycopy(t.values(), p * b, q.value(), r * b, b);
                System.arraycopy(t.values(), (p + pr2) * b, q.value(), (r + r2) * b, b);
                any = true;
            }
        }
        return any;
    }

    /** The decoder's [relations x dim]: row r from the previous row of the same relation name; returns the rows copied. */
    private static int copyDecoderRows(Tensor t, Param q, Map<String, Integer> prev, IdMap relations) {
        int[] s = q.shape(), ps = t.shape();
        if (s.length != 2 || ps.length != 2 || s[1] != ps[1]) {
            return 0;
        }
        int d = s[1], copied = 0;
        for (int r = 0; r < Math.min(s[0], relations.size()); r++) {
            Integer p = prev.get(relations.name(r));
            if (p != null && p < ps[0]) {
                System.arraycopy(t.values(), p * d, q.value(), r * d, d);
                copied++;
            }
        }
        return copied;
    }

    /** Output-layer tensors [..., classes]: column c from the previous column of the same class name. */
    private static boolean copyColumns(Tensor t, Param q, Map<String, Integer> prev, List<String> classes) {
        int[] s = q.shape(), ps = t.shape();
        if (s.length != ps.length || !Arrays.equals(Arrays.copyOf(s, s.length - 1), Arrays.copyOf(ps, ps.length - 1))) {
            return false;
        }
        int k = s[s.length - 1], pk = ps[ps.length - 1], outer = q.value().length / k;
        boolean any = false;
        for (int c = 0; c < k; c++) {
            Integer p = prev.get(classes.get(c));
            if (p == null || p >= pk) {
                continue;
            }
            for (int o = 0; o < outer; o++) {
                q.value()[o * k + c] = t.values()[o * pk + p];
            }
            any = true;
        }
        return any;
    }

    private static Map<String, Integer> index(List<String> names) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            m.put(names.get(i), i);
        }
        return m;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int readInt(DataInputStream in) throws IOException {
        return ByteBuffer.wrap(in.readNBytes(4)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }
}
