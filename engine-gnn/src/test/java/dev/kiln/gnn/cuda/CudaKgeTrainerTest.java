package dev.kiln.gnn.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.model.DistMult;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.gnn.model.RotatE;
import dev.kiln.gnn.model.TransE;
import dev.kiln.gnn.train.EpochTrainer;
import dev.kiln.gnn.train.KgeSetup;
import dev.kiln.gnn.train.KgeTrainer;
import dev.kiln.gnn.train.LossFunction;
import dev.kiln.gnn.train.SparseOptimizer;
import dev.kiln.gnn.train.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIf;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GPU trainer against the CPU trainer with one thread, which draws the same batches and negatives: after the
 * same epochs the losses and every table must agree up to float rounding. These need a GPU; the PTX and the
 * no-driver tests run everywhere.
 */
class CudaKgeTrainerTest {
    private static final int ENTITIES = 300;
    private static final int RELATIONS = 7;

    static boolean gpu() {
        return Gpu.available();
    }

    /** These tests are what verifies the kernels that jobs do not use until they have passed on a GPU. */
    @BeforeAll
    static void allowUnverifiedKernels() {
        System.setProperty(CudaKgeTrainer.UNVERIFIED_KERNELS, "true");
    }

    @AfterAll
    static void forbidUnverifiedKernels() {
        System.clearProperty(CudaKgeTrainer.UNVERIFIED_KERNELS);
    }

    @Test
    void ptxDefinesEveryKernelTheTrainerLaunches() {
        String ptx = new String(CudaDevice.ptx(), StandardCharsets.US_ASCII);
        for (String k : new String[] {"kge_query", "kge_score", "kge_loss", "kge_query_grad", "kge_neg_grad", "kge_update",
                "kge_rank", "kge_loss_softmax", "kge_weigh"}) {
            assertTrue(ptx.contains(".entry " + k + "("), k);
        }
        assertEquals(0, CudaDevice.ptx()[CudaDevice.ptx().length - 1], "NUL-terminated for cuModuleLoadData");
    }

    @Test
    @DisabledIf("gpu")
    void withoutAUsableGpuOpeningSaysWhy() {
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class, () -> CudaDevice.open(0));
        assertFalse(e.getMessage() == null || e.getMessage().isBlank());
    }

    @Test
    @EnabledIf("gpu")
    void aMissingOrdinalIsNamed() {
        CudaUnavailableException e = assertThrows(CudaUnavailableException.class, () -> CudaDevice.open(1 << 20));
        assertTrue(e.getMessage().contains("no CUDA device"), e.getMessage());
    }

    /**
     * The tolerance is relative: float rounding alone for the smooth losses, more for the margin loss, whose hinge
     * turns a last-bit difference in a score into a whole gradient term or none. L1 distances are compared on the
     * losses and on most of the tables only (see {@link #assertMostlyClose}); with the margin loss as well, whose
     * gradient terms all have the one weight 1/k, those cancellations are everywhere, and only the losses are compared.
     */
    static Stream<Arguments> setups() {
        return Stream.of(
                Arguments.of("distmult", "logistic", 0.0, "adagrad", 1e-4, 3, 64, 1e-4, false, false),
                Arguments.of("distmult", "logistic", 1.0, "adam", 0.0, 3, 16, 1e-4, false, false),
                Arguments.of("transe-l2", "logistic", 1.0, "adagrad", 1e-4, 2, 64, 1e-4, false, false),
                Arguments.of("transe-l2", "margin", 0.0, "adam", 0.0, 3, 64, 1e-2, false, false),
                Arguments.of("transe-l1", "margin", 0.0, "adagrad", 0.0, 3, 64, 1e-2, false, false),
                Arguments.of("transe-l1", "logistic", 0.5, "adam", 0.0, 3, 32, 1e-4, false, false),
                Arguments.of("rotate", "logistic", 1.0, "adagrad", 0.0, 3, 64, 1e-4, false, false),
                Arguments.of("rotate", "logistic", 1.0, "adam", 1e-4, 2, 8, 1e-4, false, false),
                // Filtered draws (EpochDraws) are the host's: own negatives per positive, as the RotatE paper's code.
                Arguments.of("rotate", "logistic", 1.0, "adam", 0.0, 3, 1, 1e-4, true, false),
                // The kernels not yet run on a GPU when written (CudaKgeTrainer.UNVERIFIED_KERNELS): the softmax loss,
                // and subsampling weights (with a regulariser, which they leave unweighted).
                Arguments.of("distmult", "softmax", 0.0, "adagrad", 1e-4, 3, 64, 1e-4, false, false),
                Arguments.of("transe-l2", "softmax", 0.0, "adam", 0.0, 3, 16, 1e-4, false, false),
                Arguments.of("rotate", "logistic", 1.0, "adam", 1e-4, 3, 8, 1e-4, false, true),
                Arguments.of("distmult", "logistic", 0.0, "adagrad", 0.0, 3, 1, 1e-4, true, true));
    }

    @ParameterizedTest(name = "{0} {1} adv={2} {3} reg={4} chunk={6} filter={8} subsampling={9}")
    @MethodSource("setups")
    @EnabledIf("gpu")
    void aGpuEpochIsAOneThreadCpuEpoch(String name, String lossName, double adv, String opt, double reg, int norm,
                                       int chunk, double tolerance, boolean filter, boolean subsampling)
            throws Exception {
        KgeModel model = model(name);
        LossFunction loss = new LossFunction(LossFunction.Kind.valueOf(lossName.toUpperCase()), 6.0,
                model.logisticOffset(), adv);
        TrainConfig cfg = new TrainConfig(100, 32, chunk, reg, norm, 1, 3, filter, subsampling);
        Triples train = triples(2_000, 11);
        Tables cpu = new Tables(model, opt), gpu = new Tables(model, opt);
        try (KgeTrainer c = new KgeTrainer(cpu.setup(model, loss, cfg));
             CudaDevice device = CudaDevice.open(0);
             CudaKgeTrainer g = new CudaKgeTrainer(device, gpu.setup(model, loss, cfg))) {
            for (int epoch = 1; epoch <= 3; epoch++) {
                EpochTrainer.EpochResult rc = c.epoch(train, epoch, () -> false);
                EpochTrainer.EpochResult rg = g.epoch(train, epoch, () -> false);
                g.sync();
                assertEquals(rc.positives(), rg.positives());
                assertTrue(rg.complete());
                assertEquals(rc.meanLoss(), rg.meanLoss(), tolerance * Math.max(1, Math.abs(rc.meanLoss())),
                        "epoch " + epoch);
            }
        }
        double tables = Math.max(1e-3, tolerance * 10);
        if (name.equals("transe-l1") && lossName.equals("margin")) {
            return;
        }
        if (name.equals("transe-l1")) {
            assertMostlyClose(cpu.ent.data(), gpu.ent.data(), tables, "entities");
            assertMostlyClose(cpu.rel.data(), gpu.rel.data(), tables, "relations");
        } else {
            assertClose(cpu.ent.data(), gpu.ent.data(), tables, "entities");
            assertClose(cpu.rel.data(), gpu.rel.data(), tables, "relations");
            for (int i = 0; i < cpu.entOpt.state().length; i++) {
                assertClose(cpu.entOpt.state()[i], gpu.entOpt.state()[i], tables, "entity optimiser state " + i);
            }
        }
        if (cpu.entOpt.rowSteps() != null) {
            assertEquals(java.util.Arrays.toString(cpu.entOpt.rowSteps()), java.util.Arrays.toString(gpu.entOpt.rowSteps()));
        }
    }

    @Test
    @EnabledIf("gpu")
    void aTrainerOpenedOnSyncedStateGoesOnAsIfNeverStopped() throws Exception {
        KgeModel model = new RotatE(16, 6.0);
        LossFunction loss = new LossFunction(LossFunction.Kind.LOGISTIC, 6.0, 6.0, 1.0);
        TrainConfig cfg = new TrainConfig(128, 16, 16, 0, 3, 1, 5);
        Triples train = triples(1_000, 5);
        Tables once = new Tables(model, "adam"), twice = new Tables(model, "adam");
        try (CudaDevice device = CudaDevice.open(0);
             CudaKgeTrainer g = new CudaKgeTrainer(device, once.setup(model, loss, cfg))) {
            g.epoch(train, 1, () -> false);
            g.epoch(train, 2, () -> false);
            g.sync();
        }
        try (CudaDevice device = CudaDevice.open(0);
             CudaKgeTrainer g = new CudaKgeTrainer(device, twice.setup(model, loss, cfg))) {
            g.epoch(train, 1, () -> false);
            g.sync();
        }
        // As a resumed job: a new trainer over the host state the first one wrote back.
        try (CudaDevice device = CudaDevice.open(0);
             CudaKgeTrainer g = new CudaKgeTrainer(device, twice.setup(model, loss, cfg))) {
            g.epoch(train, 2, () -> false);
            g.sync();
        }
        assertClose(once.ent.data(), twice.ent.data(), 1e-3, "entities");
        assertClose(once.entOpt.state()[1], twice.entOpt.state()[1], 1e-3, "second moments");
        assertEquals(java.util.Arrays.toString(once.entOpt.rowSteps()), java.util.Arrays.toString(twice.entOpt.rowSteps()));
    }

    @Test
    @EnabledIf("gpu")
    void aStopBeforeABatchEndsTheEpochIncomplete() throws Exception {
        KgeModel model = new DistMult(8, 6.0);
        Tables t = new Tables(model, "adagrad");
        Triples train = triples(1_000, 9);
        int[] asked = new int[1];
        try (CudaDevice device = CudaDevice.open(0);
             CudaKgeTrainer g = new CudaKgeTrainer(device, t.setup(model,
                     new LossFunction(LossFunction.Kind.LOGISTIC, 6.0, 0, 0), new TrainConfig(100, 8, 8, 0, 3, 1, 1)))) {
            EpochTrainer.EpochResult r = g.epoch(train, 1, () -> ++asked[0] > 3);
            assertFalse(r.complete());
            assertEquals(300, r.positives());
        }
    }

    private static KgeModel model(String name) {
        return switch (name) {
            case "distmult" -> new DistMult(24, 6.0);
            case "transe-l2" -> new TransE(24, false, 6.0);
            case "transe-l1" -> new TransE(37, true, 6.0);
            case "rotate" -> new RotatE(19, 6.0);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Random triples with a planted rule (tail = head + relation, mod the entity count) so the loss moves. */
    private static Triples triples(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] h = new int[n], r = new int[n], t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = rnd.nextInt(ENTITIES);
            r[i] = rnd.nextInt(RELATIONS);
            t[i] = (h[i] + 1 + r[i] * 13) % ENTITIES;
        }
        return new Triples(h, r, t);
    }

    /** Every difference at most {@code tolerance} times the largest value. */
    static void assertClose(float[] want, float[] got, double tolerance, String what) {
        double scale = 0, worst = 0;
        int at = -1;
        for (int i = 0; i < want.length; i++) {
            scale = Math.max(scale, Math.abs(want[i]));
            double d = Math.abs(want[i] - got[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        assertTrue(worst <= tolerance * Math.max(scale, 1e-3), what + ": largest difference " + worst + " at " + at
                + " (" + (at < 0 ? "" : want[at] + " vs " + got[at]) + "), values up to " + scale);
    }

    /**
     * All but 2% of the values within {@code tolerance} times the largest. An L1 gradient is a sum of +-w terms that
     * cancels to exactly 0 in one summation order and to a last-bit residue in another, and Adagrad and Adam turn
     * any non-zero gradient of a fresh coordinate into a full learning-rate step: such coordinates part ways for
     * good, while the rest agree to rounding.
     */
    static void assertMostlyClose(float[] want, float[] got, double tolerance, String what) {
        double scale = 0;
        for (float v : want) {
            scale = Math.max(scale, Math.abs(v));
        }
        int off = 0;
        for (int i = 0; i < want.length; i++) {
            off += Math.abs(want[i] - got[i]) > tolerance * Math.max(scale, 1e-3) ? 1 : 0;
        }
        assertTrue(off <= want.length / 50, what + ": " + off + " of " + want.length + " values differ");
    }

    /** Freshly initialised tables and optimisers, the same for the same model. */
    private static final class Tables {
        final EmbeddingTable ent;
        final EmbeddingTable rel;
        final SparseOptimizer entOpt;
        final SparseOptimizer relOpt;

        Tables(KgeModel model, String opt) {
            ent = new EmbeddingTable(ENTITIES, model.entityDim());
            rel = new EmbeddingTable(RELATIONS, model.relationDim());
            model.initialise(ent, rel, 17);
            entOpt = SparseOptimizer.create(opt, ent, opt.equals("adam") ? 0.01 : 0.1);
            relOpt = SparseOptimizer.create(opt, rel, opt.equals("adam") ? 0.01 : 0.1);
        }

        KgeSetup setup(KgeModel model, LossFunction loss, TrainConfig cfg) {
            return new KgeSetup(model, ent, rel, entOpt, relOpt, loss, cfg);
        }
    }
}
