package dev.kiln.gnn.algorithm;

import dev.kiln.api.algorithm.Algorithm;
import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.gnn.data.IdMap;
import dev.kiln.gnn.eval.RankMetrics;
import dev.kiln.gnn.data.NodeLabels;
import dev.kiln.gnn.data.TripleReader;
import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.rgcn.ClassMetrics;
import dev.kiln.gnn.rgcn.NeighbourSampler;
import dev.kiln.gnn.rgcn.NodeLoss;
import dev.kiln.gnn.rgcn.RelGraph;
import dev.kiln.gnn.rgcn.RgcnCheckpoint;
import dev.kiln.gnn.rgcn.RgcnModel;
import dev.kiln.gnn.rgcn.RgcnTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code rgcn} built-in algorithm: full-graph RGCN node classification (Schlichtkrull et al. 2018),
 * or link prediction with {@code task=link-predict} ({@link RgcnLinkPrediction}).
 * Reads the graph from the {@code train} channel (triples) and node labels from the {@code labels}
 * channel ({@link NodeLabels}); validates every epoch with early stopping on validation accuracy
 * (ties broken by validation loss), checkpoints every epoch, reports test metrics at the end and
 * writes predictions and node embeddings of the best epoch (see {@link RgcnArtifacts}).
 */
public final class RgcnAlgorithm implements Algorithm {

    @Override
    public String name() {
        return "rgcn";
    }

    @Override
    public List<String> metricNames() {
        List<String> names = new ArrayList<>(List.of("train:loss", "train:accuracy", "validation:loss",
                "validation:accuracy", "validation:f1", "test:accuracy", "test:f1"));
        for (String split : List.of("validation", "test")) {
            RankMetrics.NAMES.forEach(m -> names.add(split + ":" + m));
        }
        return names;
    }

    @Override
    public void train(AlgorithmContext ctx) throws Exception {
        RgcnHyperParameters hp = RgcnHyperParameters.parse(ctx.hyperParameters());
        if (hp.task().equals(RgcnHyperParameters.LINK_PREDICT)) {
            RgcnLinkPrediction.train(ctx, hp);
            return;
        }
        Path trainDir = ctx.channels().get("train");
        Path labelsDir = ctx.channels().get("labels");
        if (trainDir == null || labelsDir == null) {
            throw new IllegalArgumentException("rgcn needs a train channel of tab-separated triples and a labels "
                    + "channel of entity<TAB>label<TAB>split lines");
        }
        IdMap entities = new IdMap();
        IdMap relations = new IdMap();
        Triples triples = TripleReader.read(trainDir, entities, relations);
        NodeLabels labels = NodeLabels.read(labelsDir, entities);
        int classes = labels.classes().size();
        RelGraph graph = RelGraph.of(triples, entities.size(), relations.size());
        RgcnModel model = new RgcnModel(new RgcnModel.Config(entities.size(), graph.numRelations(), hp.numHidden(),
                classes, hp.numLayers(), hp.numBases(), hp.selfLoop(), hp.layerNorm(), hp.dropout()), hp.seed());
        double[][][] best = new double[1][][];
        RgcnCheckpoint.Progress progress = RgcnCheckpoint.load(ctx.checkpointDir(), model, best);
        int threads = Math.max(1, ctx.numCpus());
        ctx.log().printf("rgcn: %d nodes, %d relations (with inverses), %d edges, %d classes, %d/%d/%d "
                        + "train/validation/test labels, %d threads%s%n", entities.size(), graph.numRelations(),
                graph.numEdges(), classes, labels.train().size(), labels.validation().size(), labels.test().size(),
                threads, progress == null ? "" : ", resuming after epoch " + progress.epochsDone());
        if (progress == null) {
            progress = RgcnCheckpoint.Progress.fresh();
        }
        boolean validate = labels.validation().size() > 0;
        boolean stopped = false;
        // with a fanout, training runs on sampled neighbourhoods; evaluation stays exact on the full graph
        NeighbourSampler sampler = hp.fanout() == null ? null : new NeighbourSampler(graph, hp.fanout());
        int stepsPerEpoch = sampler == null ? 1 : (labels.train().size() + hp.batchSize() - 1) / hp.batchSize();
        try (RgcnTrainer trainer = new RgcnTrainer(model, graph, threads, hp.seed())) {
            trainer.setSteps(progress.epochsDone() * stepsPerEpoch);
            for (int epoch = progress.epochsDone() + 1; epoch <= hp.numEpochs() && !progress.finished(); epoch++) {
                if (ctx.stopSignal().isStopRequested()) {
                    stopped = true;
                    break;
                }
                double loss = sampler == null ? trainer.epoch(labels.train(), epoch, hp.lr(), hp.weightDecay())
                        : trainer.epoch(labels.train(), epoch, hp.batchSize(), sampler, hp.lr(), hp.weightDecay());
                double[] logits = trainer.predict(null);
                int[] pred = NodeLoss.argmax(logits, classes);
                ctx.metrics().emit("train:loss", loss, epoch);
                ctx.metrics().emit("train:accuracy",
                        ClassMetrics.of(pred, labels.train().nodes(), labels.train().labels(), classes).accuracy(), epoch);
                progress = validate ? afterEpoch(ctx, hp, model, labels, logits, pred, progress, epoch, best)
                        : new RgcnCheckpoint.Progress(epoch, progress.bestScore(), progress.bestLoss(),
                        progress.bestEpoch(), 0, false);
                RgcnCheckpoint.save(ctx.checkpointDir(), progress, model, best[0]);
            }
            if (best[0] != null) {
                RgcnCheckpoint.restore(model, best[0]);
            }
            double[][] hidden = new double[1][];
            double[] logits = trainer.predict(hidden);
            ClassMetrics test = null;
            if (!stopped && labels.test().size() > 0) {
                test = ClassMetrics.of(NodeLoss.argmax(logits, classes), labels.test().nodes(), labels.test().labels(),
                        classes);
                ctx.metrics().emit("test:accuracy", test.accuracy());
                ctx.metrics().emit("test:f1", test.macroF1());
            }
            RgcnArtifacts.write(ctx.modelDir(), hp, entities, relations, labels, logits,
                    hidden[0] == null ? null : hidden[0], hp.numHidden(), progress, test);
        }
    }

    private static RgcnCheckpoint.Progress afterEpoch(AlgorithmContext ctx, RgcnHyperParameters hp, RgcnModel model,
                                                      NodeLabels labels, double[] logits, int[] pred,
                                                      RgcnCheckpoint.Progress p, int epoch, double[][][] best) {
        int classes = labels.classes().size();
        NodeLabels.Split va = labels.validation();
        double loss = NodeLoss.crossEntropy(logits, classes, va.nodes(), va.labels(), null);
        ClassMetrics m = ClassMetrics.of(pred, va.nodes(), va.labels(), classes);
        ctx.metrics().emit("validation:loss", loss, epoch);
        ctx.metrics().emit("validation:accuracy", m.accuracy(), epoch);
        ctx.metrics().emit("validation:f1", m.macroF1(), epoch);
        boolean better = m.accuracy() > p.bestScore() || (m.accuracy() == p.bestScore() && loss < p.bestLoss());
        if (better) {
            best[0] = RgcnCheckpoint.snapshot(model);
            return new RgcnCheckpoint.Progress(epoch, m.accuracy(), loss, epoch, 0, false);
        }
        int without = p.epochsWithoutImprovement() + 1;
        boolean finished = hp.earlyStoppingWindow() > 0 && without >= hp.earlyStoppingWindow();
        if (finished) {
            ctx.log().printf("rgcn: validation accuracy has not improved for %d epochs (best %.4f at epoch %d); "
                    + "stopping early%n", without, p.bestScore(), p.bestEpoch());
        }
        return new RgcnCheckpoint.Progress(epoch, p.bestScore(), p.bestLoss(), p.bestEpoch(), without, finished);
    }
}
