package dev.kiln.gnn.algorithm;

import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.train.SparseOptimizer;
import dev.kiln.gnn.train.StateArrays;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The training state saved after every epoch ({@code kge-checkpoint.bin} in the checkpoint dir):
 * epochs done, early-stopping and learning-rate-decay state, the tables, the optimiser state and the best tables so
 * far.
 * Written to a temporary file and moved into place, so a kill mid-write leaves the previous one.
 */
final class KgeCheckpoint {
    static final String FILE = "kge-checkpoint.bin";
    private static final String MAGIC = "KILNKGE2";
    /** Written before the learning-rate decay; read as undecayed. */
    private static final String MAGIC_V1 = "KILNKGE1";

    /**
     * Progress that is not a table. {@code lrScale} is the product of the decays so far (1 before any), and
     * {@code lastDecayEpoch} the epoch of the last (0: none), from which the next decay's patience counts.
     */
    record Progress(int epochsDone, double bestMrr, int bestEpoch, int epochsWithoutImprovement, boolean finished,
                    double lrScale, int lastDecayEpoch) {
        static Progress fresh() {
            return new Progress(0, Double.NEGATIVE_INFINITY, 0, 0, false, 1, 0);
        }

        /** After {@code epoch}, with this progress's decay state. */
        Progress after(int epoch, double bestMrr, int bestEpoch, int epochsWithoutImprovement, boolean finished) {
            return new Progress(epoch, bestMrr, bestEpoch, epochsWithoutImprovement, finished, lrScale, lastDecayEpoch);
        }
    }

    private KgeCheckpoint() {}

    static void save(Path dir, String model, Progress p, EmbeddingTable ent, EmbeddingTable rel, SparseOptimizer entOpt,
                     SparseOptimizer relOpt, EmbeddingTable bestEnt, EmbeddingTable bestRel) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeUTF(MAGIC);
            out.writeUTF(model);
            out.writeInt(ent.rows());
            out.writeInt(ent.dim());
            out.writeInt(rel.rows());
            out.writeInt(rel.dim());
            out.writeInt(p.epochsDone());
            out.writeDouble(p.bestMrr());
            out.writeInt(p.bestEpoch());
            out.writeInt(p.epochsWithoutImprovement());
            out.writeBoolean(p.finished());
            out.writeDouble(p.lrScale());
            out.writeInt(p.lastDecayEpoch());
            StateArrays.write(out, ent.data());
            StateArrays.write(out, rel.data());
            entOpt.save(out);
            relOpt.save(out);
            out.writeBoolean(bestEnt != null);
            if (bestEnt != null) {
                StateArrays.write(out, bestEnt.data());
                StateArrays.write(out, bestRel.data());
            }
        }
        Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Loads a checkpoint into the given tables and optimisers, or returns null when there is none.
     * {@code best} receives the best tables (entities, relations) if the checkpoint has them.
     */
    static Progress load(Path dir, String model, EmbeddingTable ent, EmbeddingTable rel, SparseOptimizer entOpt,
                         SparseOptimizer relOpt, EmbeddingTable[] best) throws IOException {
        Path file = dir.resolve(FILE);
        if (!Files.exists(file)) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic) && !MAGIC_V1.equals(magic)) {
                throw new IOException(file + " is not a Kiln KGE checkpoint");
            }
            String m = in.readUTF();
            int er = in.readInt(), ed = in.readInt(), rr = in.readInt(), rd = in.readInt();
            if (!m.equals(model) || er != ent.rows() || ed != ent.dim() || rr != rel.rows() || rd != rel.dim()) {
                throw new IOException("checkpoint is for " + m + " " + er + "x" + ed + "/" + rr + "x" + rd
                        + ", this job trains " + model + " " + ent.rows() + "x" + ent.dim() + "/" + rel.rows() + "x" + rel.dim());
            }
            int epochs = in.readInt();
            double bestMrr = in.readDouble();
            int bestEpoch = in.readInt(), without = in.readInt();
            boolean finished = in.readBoolean();
            boolean v1 = MAGIC_V1.equals(magic);
            Progress p = new Progress(epochs, bestMrr, bestEpoch, without, finished,
                    v1 ? 1 : in.readDouble(), v1 ? 0 : in.readInt());
            StateArrays.read(in, ent.data());
            StateArrays.read(in, rel.data());
            entOpt.load(in);
            relOpt.load(in);
            if (in.readBoolean()) {
                best[0] = new EmbeddingTable(ent.rows(), ent.dim());
                best[1] = new EmbeddingTable(rel.rows(), rel.dim());
                StateArrays.read(in, best[0].data());
                StateArrays.read(in, best[1].data());
            }
            return p;
        }
    }
}
