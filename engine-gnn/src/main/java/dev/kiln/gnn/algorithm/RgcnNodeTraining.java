package dev.kiln.gnn.algorithm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.gnn.data.IdMap;
import dev.kiln.gnn.data.NodeFeatures;
import dev.kiln.gnn.data.NodeLabels;
import dev.kiln.gnn.data.NodeTargets;
import dev.kiln.gnn.data.TripleReader;
import dev.kiln.gnn.data.Triples;
import dev.kiln.gnn.rgcn.NeighbourSampler;
import dev.kiln.gnn.rgcn.NodeObjective;
import dev.kiln.gnn.rgcn.RelGraph;
import dev.kiln.gnn.rgcn.RgcnCheckpoint;
import dev.kiln.gnn.rgcn.RgcnModel;
import dev.kiln.gnn.rgcn.RgcnTrainer;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An {@code rgcn} job on a node task (classification or regression, see {@link NodeTask}): reads the
 * graph ({@code train}), the labels and the optional {@code features} channel, resumes from a checkpoint
 * or else warm-starts from the optional {@code model} channel, trains with validation, early stopping
 * and a checkpoint every epoch, tests at the end and writes the model of the best epoch.
 */
final class RgcnNodeTraining {
    static final String FEATURES = "features";

    private RgcnNodeTraining() {}

    static void train(AlgorithmContext ctx, RgcnHyperParameters hp) throws Exception {
        Path trainDir = ctx.channels().get("train");
        Path labelsDir = ctx.channels().get("labels");
        boolean regression = hp.task().equals(RgcnHyperParameters.NODE_REGRESSION);
        if (trainDir == null || labelsDir == null) {
            throw new IllegalArgumentException("rgcn needs a train channel of tab-separated triples and a labels "
                    + "channel of entity<TAB>" + (regression ? "value" : "label") + "<TAB>split lines");
        }
        IdMap entities = new IdMap();
        IdMap relations = new IdMap();
        Triples triples = TripleReader.read(trainDir, entities, relations);
        NodeTask task = regression ? new RgcnRegression(NodeTargets.read(labelsDir, entities))
                : new RgcnClassification(NodeLabels.read(labelsDir, entities));
        NodeFeatures features = features(ctx, hp, entities);
        RelGraph graph = RelGraph.of(triples, entities.size(), relations.size());
        RgcnModel model = new RgcnModel(new RgcnModel.Config(entities.size(), graph.numRelations(), hp.numHidden(),
                task.outputs(), hp.numLayers(), hp.numBases(), hp.selfLoop(), hp.layerNorm(), hp.dropout()),
                features.standardised(), hp.seed());
        double[][][] best = new double[1][][];
        RgcnCheckpoint.Progress progress = RgcnCheckpoint.load(ctx.checkpointDir(), model, best);
        int threads = Math.max(1, ctx.numCpus());
        ctx.log().printf("rgcn: %d nodes, %d relations (with inverses), %d edges, %s, %s, %d threads%s%n",
                entities.size(), graph.numRelations(), graph.numEdges(), task.describe(), describe(features), threads,
                progress == null ? "" : ", resuming after epoch " + progress.epochsDone());
        if (progress == null) {
            progress = RgcnCheckpoint.Progress.fresh();
            warmStart(ctx, model, entities, relations, task);
        } else if (ctx.channels().containsKey(PreviousModel.CHANNEL)) {
            ctx.log().println("rgcn: the checkpoint takes precedence over the model channel");
        }
        NodeObjective objective = task.objective();
        boolean validate = task.validationSize() > 0;
        boolean stopped = false;
        // with a fanout, training runs on sampled neighbourhoods; evaluation stays exact on the full graph
        NeighbourSampler sampler = hp.fanout() == null ? null : new NeighbourSampler(graph, hp.fanout());
        int stepsPerEpoch = sampler == null ? 1 : (task.trainSize() + hp.batchSize() - 1) / hp.batchSize();
        try (RgcnTrainer trainer = new RgcnTrainer(model, graph, threads, hp.seed())) {
            trainer.setSteps(progress.epochsDone() * stepsPerEpoch);
            for (int epoch = progress.epochsDone() + 1; epoch <= hp.numEpochs() && !progress.finished(); epoch++) {
                if (ctx.stopSignal().isStopRequested()) {
                    stopped = true;
                    break;
                }
                double loss = sampler == null ? trainer.epoch(objective, epoch, hp.lr(), hp.weightDecay())
                        : trainer.epoch(objective, epoch, hp.batchSize(), sampler, hp.lr(), hp.weightDecay());
                double[] out = trainer.predict(null);
                ctx.metrics().emit("train:loss", task.reportedLoss(loss), epoch);
                task.emitTrain(ctx, out, epoch);
                progress = validate ? afterEpoch(ctx, hp, task, model, out, progress, epoch, best)
                        : new RgcnCheckpoint.Progress(epoch, progress.bestScore(), progress.bestLoss(),
                        progress.bestEpoch(), 0, false);
                RgcnCheckpoint.save(ctx.checkpointDir(), progress, model, best[0]);
            }
            if (best[0] != null) {
                RgcnCheckpoint.restore(model, best[0]);
            }
            double[][] hidden = new double[1][];
            double[] out = trainer.predict(hidden);
            ObjectNode test = !stopped && task.testSize() > 0 ? task.test(ctx, out) : null;
            RgcnArtifacts.write(ctx.modelDir(), hp, task, entities, relations, features, out, hidden[0], progress, test);
            RgcnWarmStart.save(ctx.modelDir(), model, trainer.inputRows());
        }
    }

    /** The features channel read into {@code entities}, or none (no channel, or use-node-features=false). */
    static NodeFeatures features(AlgorithmContext ctx, RgcnHyperParameters hp, IdMap entities)
            throws IOException {
        Path channel = ctx.channels().get(FEATURES);
        if (channel == null) {
            return NodeFeatures.none();
        }
        if (!hp.useNodeFeatures()) {
            ctx.log().println("rgcn: use-node-features is false; ignoring the features channel");
            return NodeFeatures.none();
        }
        return NodeFeatures.read(channel, entities);
    }

    static String describe(NodeFeatures features) {
        if (features.isEmpty()) {
            return "no node features";
        }
        StringBuilder sb = new StringBuilder("node features");
        for (NodeFeatures.Group g : features.groups()) {
            sb.append(String.format(" [%s: %d nodes x %d]", g.name(), g.size(), g.width()));
        }
        return sb.toString();
    }

    private static void warmStart(AlgorithmContext ctx, RgcnModel model, IdMap entities, IdMap relations, NodeTask task)
            throws IOException {
        Path channel = ctx.channels().get(PreviousModel.CHANNEL);
        if (channel == null) {
            return;
        }
        try (PreviousModel prev = PreviousModel.open(channel)) {
            ctx.log().println("rgcn: warm start from the model channel: "
                    + RgcnWarmStart.apply(prev, model, entities, relations, task.classNames()));
        }
    }

    private static RgcnCheckpoint.Progress afterEpoch(AlgorithmContext ctx, RgcnHyperParameters hp, NodeTask task,
                                                      RgcnModel model, double[] out, RgcnCheckpoint.Progress p,
                                                      int epoch, double[][][] best) {
        NodeTask.Score s = task.validate(ctx, out, epoch);
        boolean better = s.score() > p.bestScore() || (s.score() == p.bestScore() && s.tieBreak() < p.bestLoss());
        if (better) {
            best[0] = RgcnCheckpoint.snapshot(model);
            return new RgcnCheckpoint.Progress(epoch, s.score(), s.tieBreak(), epoch, 0, false);
        }
        int without = p.epochsWithoutImprovement() + 1;
        boolean finished = hp.earlyStoppingWindow() > 0 && without >= hp.earlyStoppingWindow();
        if (finished) {
            ctx.log().printf("rgcn: %s has not improved for %d epochs (at epoch %d); stopping early%n",
                    task.criterion(p.bestScore()), without, p.bestEpoch());
        }
        return new RgcnCheckpoint.Progress(epoch, p.bestScore(), p.bestLoss(), p.bestEpoch(), without, finished);
    }
}
