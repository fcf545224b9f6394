package dev.kiln.gnn.algorithm;

import dev.kiln.api.algorithm.Algorithm;
import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.gnn.data.KgDataset;
import dev.kiln.gnn.data.TrueTripleIndex;
import dev.kiln.gnn.eval.LinkRanker;
import dev.kiln.gnn.eval.RankMetrics;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.model.KgeModel;
import dev.kiln.gnn.train.EpochTrainer;
import dev.kiln.gnn.train.KgeSetup;
import dev.kiln.gnn.train.LossFunction;
import dev.kiln.gnn.train.SparseOptimizer;
import dev.kiln.gnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The training job of a knowledge-graph embedding model: reads the {@code train} (and optional
 * {@code validation}, {@code test}) channels, trains with checkpoints every epoch, validates each
 * epoch with early stopping on validation MRR, reports test metrics at the end and writes the best
 * model's artifacts (see {@link KgeArtifacts}).
 */
public abstract class KgeAlgorithm implements Algorithm {

    /** Builds the model for the parsed hyperparameters (public for tools that load a saved model's tables). */
    public abstract KgeModel createModel(KgeHyperParameters hp);

    @Override
    public List<String> metricNames() {
        List<String> names = new ArrayList<>(List.of("train:loss", "train:triples-per-second"));
        for (String split : List.of("validation", "test")) {
            RankMetrics.NAMES.forEach(m -> names.add(split + ":" + m));
        }
        return names;
    }

    @Override
    public void train(AlgorithmContext ctx) throws Exception {
        KgeHyperParameters hp = KgeHyperParameters.parse(name(), ctx.hyperParameters());
        Path trainDir = ctx.channels().get("train");
        if (trainDir == null) {
            throw new IllegalArgumentException(name() + " needs a train channel of tab-separated triples");
        }
        KgDataset ds = KgDataset.load(trainDir, ctx.channels().get("validation"), ctx.channels().get("test"));
        KgeModel model = createModel(hp);
        EmbeddingTable ent = new EmbeddingTable(ds.numEntities(), model.entityDim());
        EmbeddingTable rel = new EmbeddingTable(ds.numRelations(), model.relationDim());
        model.initialise(ent, rel, hp.seed());
        SparseOptimizer entOpt = SparseOptimizer.create(hp.optimizer(), ent, hp.lr());
        SparseOptimizer relOpt = SparseOptimizer.create(hp.optimizer(), rel, hp.lr() * model.relationLrScale());
        EmbeddingTable[] best = new EmbeddingTable[2];
        KgeCheckpoint.Progress progress = KgeCheckpoint.load(ctx.checkpointDir(), name(), ent, rel, entOpt, relOpt, best);
        boolean resumed = progress != null;
        if (!resumed) {
            progress = KgeCheckpoint.Progress.fresh();
            warmStart(ctx, ds, ent, rel);
        } else if (ctx.channels().containsKey(PreviousModel.CHANNEL)) {
            ctx.log().println(name() + ": the checkpoint takes precedence over the model channel");
        }
        setLearningRates(hp, model, entOpt, relOpt, progress.lrScale());
        int threads = Math.max(1, ctx.numCpus());
        LossFunction loss = new LossFunction(hp.loss(), hp.gamma(), model.logisticOffset(), hp.adversarialTemperature());
        TrainConfig cfg = new TrainConfig(hp.batchSize(), hp.numNegs(), hp.negChunkSize(), hp.regularizationCoef(),
                hp.regularizationNorm(), threads, hp.seed(), hp.filterNegatives(),
                hp.subsamplingWeight());
        boolean validate = ds.validation().size() > 0;
        boolean stopped = false;
        RankMetrics test = null;
        EmbeddingTable finalEnt = ent, finalRel = rel;
        // The tables are final before the backend opens: a GPU trainer copies them (and the optimiser state) over.
        try (KgeBackend backend = KgeBackend.open(ctx, name(),
                new KgeSetup(model, ent, rel, entOpt, relOpt, loss, cfg), TrueTripleIndex.of(ds.numRelations(), ds.train(), ds.validation(), ds.test()))) {
            EpochTrainer trainer = backend.trainer();
            ctx.log().printf("%s: %d entities, %d relations, %d/%d/%d train/validation/test triples, %s%s%n",
                    name(), ds.numEntities(), ds.numRelations(), ds.train().size(), ds.validation().size(),
                    ds.test().size(), trainer.description(),
                    resumed ? ", resuming after epoch " + progress.epochsDone() : "");
            if (hp.lrDecayPatience() > 0 && !validate) {
                ctx.log().println(name() + ": lr-decay-patience has no effect without a validation channel");
            }
            for (int epoch = progress.epochsDone() + 1; epoch <= hp.numEpochs() && !progress.finished(); epoch++) {
                long t0 = System.nanoTime();
                EpochTrainer.EpochResult r = trainer.epoch(ds.train(), epoch, ctx.stopSignal()::isStopRequested);
                double seconds = (System.nanoTime() - t0) / 1e9;
                trainer.sync();
                if (!r.complete()) {
                    stopped = true;
                    ctx.log().println(name() + ": stop requested during epoch " + epoch + "; saving the model");
                    break;
                }
                ctx.metrics().emit("train:loss", r.meanLoss(), epoch);
                ctx.metrics().emit("train:triples-per-second", r.positives() / seconds, epoch);
                progress = afterEpoch(ctx, hp, backend.ranker(), ds, ent, rel, best, progress, epoch, validate);
                setLearningRates(hp, model, entOpt, relOpt, progress.lrScale());
                KgeCheckpoint.save(ctx.checkpointDir(), name(), progress, ent, rel, entOpt, relOpt, best[0], best[1]);
                if (ctx.stopSignal().isStopRequested()) {
                    stopped = true;
                    break;
                }
            }
            finalEnt = best[0] != null ? best[0] : ent;
            finalRel = best[1] != null ? best[1] : rel;
            if (!stopped && ds.test().size() > 0) {
                test = backend.ranker().evaluate(finalEnt, finalRel, ds.test(), 0);
                RankReports.emit(ctx, "test", test, null);
            }
        }
        KgeArtifacts.write(ctx.modelDir(), model, ds, hp, finalEnt, finalRel, progress, test);
    }

    /** Incremental training: rows of the previous model in the {@code model} channel replace fresh ones by name. */
    private void warmStart(AlgorithmContext ctx, KgDataset ds, EmbeddingTable ent, EmbeddingTable rel) throws Exception {
        Path channel = ctx.channels().get(PreviousModel.CHANNEL);
        if (channel == null) {
            return;
        }
        try (PreviousModel prev = PreviousModel.open(channel)) {
            KgeArtifacts.Reused r = KgeArtifacts.warmStart(prev, name(), ds, ent, rel);
            ctx.log().printf("%s: warm start from the model channel: %d of %d entities and %d of %d relations reused%n",
                    name(), r.entities(), ent.rows(), r.relations(), rel.rows());
        }
    }

    private KgeCheckpoint.Progress afterEpoch(AlgorithmContext ctx, KgeHyperParameters hp, LinkRanker evaluator,
                                              KgDataset ds, EmbeddingTable ent, EmbeddingTable rel, EmbeddingTable[] best,
                                              KgeCheckpoint.Progress p, int epoch, boolean validate)
            throws InterruptedException {
        if (!validate) {
            return p.after(epoch, p.bestMrr(), p.bestEpoch(), 0, false);
        }
        RankMetrics m = evaluator.evaluate(ent, rel, ds.validation(), hp.validationMaxTriples());
        RankReports.emit(ctx, "validation", m, epoch);
        if (m.mrr() > p.bestMrr()) {
            best[0] = ent.copy();
            best[1] = rel.copy();
            return p.after(epoch, m.mrr(), epoch, 0, false);
        }
        int without = p.epochsWithoutImprovement() + 1;
        if (hp.earlyStoppingWindow() > 0 && without >= hp.earlyStoppingWindow()) {
            ctx.log().printf("%s: validation MRR has not improved for %d epochs (best %.4f at epoch %d); stopping early%n",
                    name(), without, p.bestMrr(), p.bestEpoch());
            return p.after(epoch, p.bestMrr(), p.bestEpoch(), without, true);
        }
        // As ReduceLROnPlateau: patience counts from the best epoch or the last decay, whichever is later, while
        // early stopping keeps counting from the best epoch, so a decay that brings no gain still ends the job.
        if (hp.lrDecayPatience() > 0 && epoch - Math.max(p.bestEpoch(), p.lastDecayEpoch()) >= hp.lrDecayPatience()) {
            double scale = p.lrScale() * hp.lrDecayFactor();
            ctx.log().printf("%s: validation MRR has not improved for %d epochs (best %.4f at epoch %d); lr now %s%n",
                    name(), without, p.bestMrr(), p.bestEpoch(), shortNumber(hp.lr() * scale));
            return new KgeCheckpoint.Progress(epoch, p.bestMrr(), p.bestEpoch(), without, false, scale, epoch);
        }
        return p.after(epoch, p.bestMrr(), p.bestEpoch(), without, false);
    }

    /** Four significant digits without a fraction's trailing zeros: 2e-05, 2.5e-13, 0.005, 1000. */
    static String shortNumber(double x) {
        String s = String.format(java.util.Locale.ROOT, "%.4g", x);
        int e = s.indexOf('e');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.indexOf('.') >= 0) {
            mantissa = mantissa.replaceAll("\\.?0+$", "");
        }
        return mantissa + (e < 0 ? "" : s.substring(e));
    }

    /** The optimisers' rates for the decays so far; relations keep their model's scale (see RotatE). */
    private static void setLearningRates(KgeHyperParameters hp, KgeModel model, SparseOptimizer entOpt,
                                         SparseOptimizer relOpt, double scale) {
        entOpt.setLr(hp.lr() * scale);
        relOpt.setLr(hp.lr() * model.relationLrScale() * scale);
    }

}
