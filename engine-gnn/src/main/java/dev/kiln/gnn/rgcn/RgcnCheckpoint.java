package dev.kiln.gnn.rgcn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * RGCN training state saved after every epoch ({@code rgcn-checkpoint.bin}): progress, every
 * parameter with its Adam moments, and the best parameters so far. Written to a temporary file and
 * moved into place, so a kill mid-write leaves the previous checkpoint.
 */
public final class RgcnCheckpoint {
    public static final String FILE = "rgcn-checkpoint.bin";
    private static final String MAGIC = "KILNRGCN1";

    /**
     * Progress that is not a tensor; {@code bestScore} is the early-stopping criterion's best value
     * (validation accuracy for node classification, validation MRR for link prediction).
     */
    public record Progress(int epochsDone, double bestScore, double bestLoss, int bestEpoch,
                           int epochsWithoutImprovement, boolean finished) {
        public static Progress fresh() {
            return new Progress(0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 0, false);
        }
    }

    private RgcnCheckpoint() {}

    /** Saves the state; {@code best} holds the best parameter values in {@link RgcnModel#params()} order, or is null. */
    public static void save(Path dir, Progress p, RgcnModel model, double[][] best) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeUTF(shape(model));
            out.writeInt(p.epochsDone());
            out.writeDouble(p.bestScore());
            out.writeDouble(p.bestLoss());
            out.writeInt(p.bestEpoch());
            out.writeInt(p.epochsWithoutImprovement());
            out.writeBoolean(p.finished());
            for (Param q : model.params()) {
                write(out, q.value);
                write(out, q.m);
                write(out, q.v);
            }
            out.writeBoolean(best != null);
            if (best != null) {
                for (double[] b : best) {
                    write(out, b);
                }
            }
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Loads a checkpoint into {@code model}, or returns null when there is none. {@code best[0]}
     * receives the best parameter values if the checkpoint has them. A checkpoint of another shape fails.
     */
    public static Progress load(Path dir, RgcnModel model, double[][][] best) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException(file + " is not a Kiln RGCN checkpoint");
            }
            String shape = in.readUTF();
            if (!shape.equals(shape(model))) {
                throw new IOException("checkpoint is for an RGCN of shape " + shape + ", this job trains " + shape(model));
            }
            Progress p = new Progress(in.readInt(), in.readDouble(), in.readDouble(), in.readInt(), in.readInt(),
                    in.readBoolean());
            List<Param> params = model.params();
            for (Param q : params) {
                read(in, q.value);
                read(in, q.m);
                read(in, q.v);
            }
            if (in.readBoolean()) {
                best[0] = new double[params.size()][];
                for (int i = 0; i < params.size(); i++) {
                    best[0][i] = new double[params.get(i).value.length];
                    read(in, best[0][i]);
                }
            }
            return p;
        }
    }

    /** The current parameter values, copied. */
    public static double[][] snapshot(RgcnModel model) {
        return model.params().stream().map(q -> q.value.clone()).toArray(double[][]::new);
    }

    /** Copies {@code values} (from {@link #snapshot}) back into the model. */
    public static void restore(RgcnModel model, double[][] values) {
        List<Param> params = model.params();
        for (int i = 0; i < params.size(); i++) {
            System.arraycopy(values[i], 0, params.get(i).value, 0, values[i].length);
        }
    }

    private static String shape(RgcnModel model) {
        StringBuilder sb = new StringBuilder();
        for (Param q : model.params()) {
            sb.append(q.name).append('=').append(q.value.length).append(';');
        }
        return sb.toString();
    }

    private static void write(DataOutputStream out, double[] a) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(a.length * 8);
        b.asDoubleBuffer().put(a);
        out.write(b.array());
    }

    private static void read(DataInputStream in, double[] a) throws IOException {
        java.nio.ByteBuffer.wrap(in.readNBytes(a.length * 8)).asDoubleBuffer().get(a);
    }
}
