package dev.kiln.gnn.algorithm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.gnn.data.KgDataset;
import dev.kiln.gnn.data.NodeFeatures;
import dev.kiln.gnn.data.TrueTripleIndex;
import dev.kiln.gnn.eval.LinkEvaluator;
import dev.kiln.gnn.eval.RankMetrics;
import dev.kiln.gnn.model.DistMult;
import dev.kiln.gnn.model.EmbeddingTable;
import dev.kiln.gnn.rgcn.LinkNegatives;
import dev.kiln.gnn.rgcn.LinkPredictionTrainer;
import dev.kiln.gnn.rgcn.NeighbourSampler;
import dev.kiln.gnn.rgcn.RelGraph;
import dev.kiln.gnn.rgcn.RgcnCheckpoint;
import dev.kiln.gnn.rgcn.RgcnModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code rgcn} job with {@code task=link-predict}: an RGCN encoder over the train triples with a
 * DistMult decoder, trained per epoch, validated by filtered MRR (early stopping on it), tested at the
 * end, with entity and relation embeddings of the best epoch in the model dir (the KGE file formats).
 * With {@code fanout}, training steps run on sampled neighbourhoods of each batch's entities;
 * validation and test ranking stay exact on the full graph. As for node tasks, entities of the optional
 * {@code features} channel take their input from their file's projection, a checkpoint resumes the job, and
 * otherwise the optional {@code model} channel (a previous rgcn link-prediction model) warm-starts it; the
 * model dir also holds {@link RgcnWarmStart}'s files, the decoder among the parameters.
 */
final class RgcnLinkPrediction {

    private RgcnLinkPrediction() {}

    static void train(AlgorithmContext ctx, RgcnHyperParameters hp) throws Exception {
        Path trainDir = ctx.channels().get("train");
        if (trainDir == null) {
            throw new IllegalArgumentException("rgcn link-predict needs a train channel of tab-separated triples");
        }
        KgDataset ds = KgDataset.load(trainDir, ctx.channels().get("validation"), ctx.channels().get("test"));
        // read before the graph is built: entities known only from the features become isolated nodes
        NodeFeatures features = RgcnNodeTraining.features(ctx, hp, ds.entities());
        RelGraph graph = RelGraph.of(ds.train(), ds.numEntities(), ds.numRelations());
        RgcnModel encoder = new RgcnModel(new RgcnModel.Config(ds.numEntities(), graph.numRelations(), hp.numHidden(),
                hp.numHidden(), hp.numLayers(), hp.numBases(), hp.selfLoop(), hp.layerNorm(), hp.dropout()),
                features.standardised(), hp.seed());
        int threads = Math.max(1, ctx.numCpus());
        DistMult decoder = new DistMult(hp.numHidden(), 0);
        LinkEvaluator evaluator = new LinkEvaluator(decoder,
                TrueTripleIndex.of(ds.numRelations(), ds.train(), ds.validation(), ds.test()), threads);
        try (LinkPredictionTrainer trainer = new LinkPredictionTrainer(encoder, ds.numRelations(), graph, threads,
                hp.seed())) {
            double[][][] best = new double[1][][];
            RgcnCheckpoint.Progress p = RgcnCheckpoint.load(ctx.checkpointDir(), encoder, best);
            NeighbourSampler sampler = hp.fanout() == null ? null : new NeighbourSampler(graph, hp.fanout());
            ctx.log().printf("rgcn link-predict: %d entities, %d relations, %d/%d/%d train/validation/test triples, "
                            + "%s, %d threads, %s%s%n", ds.numEntities(), ds.numRelations(), ds.train().size(),
                    ds.validation().size(), ds.test().size(), RgcnNodeTraining.describe(features), threads,
                    sampler == null ? "full graph" : "neighbour sampling, fanout "
                            + java.util.Arrays.toString(hp.fanout()),
                    p == null ? "" : ", resuming after epoch " + p.epochsDone());
            if (p == null) {
                p = RgcnCheckpoint.Progress.fresh();
                warmStart(ctx, encoder, ds);
            } else if (ctx.channels().containsKey(PreviousModel.CHANNEL)) {
                ctx.log().println("rgcn link-predict: the checkpoint takes precedence over the model channel");
            }
            int stepsPerEpoch = (ds.train().size() + hp.batchSize() - 1) / hp.batchSize();
            trainer.setSteps(p.epochsDone() * stepsPerEpoch);
            boolean validate = ds.validation().size() > 0;
            LinkNegatives negatives = new LinkNegatives(hp.numNegs(), hp.negChunkSize(), hp.adversarialTemperature());
            boolean stopped = false;
            for (int epoch = p.epochsDone() + 1; epoch <= hp.numEpochs() && !p.finished(); epoch++) {
                double loss = trainer.epoch(ds.train(), epoch, hp.batchSize(), negatives, sampler, hp.lr(),
                        hp.weightDecay(), ctx.stopSignal()::isStopRequested);
                if (ctx.stopSignal().isStopRequested()) {
                    stopped = true;
                    break;
                }
                ctx.metrics().emit("train:loss", loss, epoch);
                if (validate) {
                    RankMetrics m = evaluator.evaluate(trainer.entityEmbeddings(), trainer.relationEmbeddings(),
                            ds.validation(), hp.validationMaxTriples());
                    RankReports.emit(ctx, "validation", m, epoch);
                    p = next(ctx, hp, p, m.mrr(), epoch, encoder, best);
                } else {
                    p = new RgcnCheckpoint.Progress(epoch, p.bestScore(), p.bestLoss(), p.bestEpoch(), 0, false);
                }
                RgcnCheckpoint.save(ctx.checkpointDir(), p, encoder, best[0]);
            }
            if (best[0] != null) {
                RgcnCheckpoint.restore(encoder, best[0]);
            }
            EmbeddingTable ent = trainer.entityEmbeddings();
            EmbeddingTable rel = trainer.relationEmbeddings();
            RankMetrics test = null;
            if (!stopped && ds.test().size() > 0) {
                test = evaluator.evaluate(ent, rel, ds.test(), 0);
                RankReports.emit(ctx, "test", test, null);
            }
            write(ctx.modelDir(), hp, ds, features, ent, rel, p, test);
            RgcnWarmStart.save(ctx.modelDir(), encoder, trainer.inputRows());
        }
    }

    private static void warmStart(AlgorithmContext ctx, RgcnModel encoder, KgDataset ds) throws IOException {
        Path channel = ctx.channels().get(PreviousModel.CHANNEL);
        if (channel == null) {
            return;
        }
        try (PreviousModel prev = PreviousModel.open(channel)) {
            ctx.log().println("rgcn link-predict: warm start from the model channel: "
                    + RgcnWarmStart.applyLink(prev, encoder, ds.entities(), ds.relations()));
        }
    }

    private static RgcnCheckpoint.Progress next(AlgorithmContext ctx, RgcnHyperParameters hp, RgcnCheckpoint.Progress p,
                                                double mrr, int epoch, RgcnModel encoder, double[][][] best) {
        if (mrr > p.bestScore()) {
            best[0] = RgcnCheckpoint.snapshot(encoder);
            return new RgcnCheckpoint.Progress(epoch, mrr, 0, epoch, 0, false);
        }
        int without = p.epochsWithoutImprovement() + 1;
        boolean finished = hp.earlyStoppingWindow() > 0 && without >= hp.earlyStoppingWindow();
        if (finished) {
            ctx.log().printf("rgcn: validation MRR has not improved for %d epochs (best %.4f at epoch %d); "
                    + "stopping early%n", without, p.bestScore(), p.bestEpoch());
        }
        return new RgcnCheckpoint.Progress(epoch, p.bestScore(), p.bestLoss(), p.bestEpoch(), without, finished);
    }


    private static void write(Path dir, RgcnHyperParameters hp, KgDataset ds, NodeFeatures features,
                              EmbeddingTable ent, EmbeddingTable rel, RgcnCheckpoint.Progress p, RankMetrics test)
            throws IOException {
        Files.createDirectories(dir);
        EmbeddingFiles.write(dir.resolve("entity_embeddings.bin"), ent);
        EmbeddingFiles.write(dir.resolve("relation_embeddings.bin"), rel);
        EmbeddingFiles.writeNames(dir.resolve("entities.tsv"), ds.entities().names());
        EmbeddingFiles.writeNames(dir.resolve("relations.tsv"), ds.relations().names());
        ObjectMapper json = new ObjectMapper();
        ObjectNode h = json.createObjectNode();
        hp.asMap().forEach(h::put);
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("hyperparameters.json").toFile(), h);
        ObjectNode m = json.createObjectNode();
        m.put("model", "rgcn");
        m.put("task", "link-predict");
        m.put("decoder", "distmult");
        m.put("numEntities", ent.rows());
        m.put("numRelations", rel.rows());
        m.put("dim", ent.dim());
        m.put("numHidden", hp.numHidden());
        m.put("numLayers", hp.numLayers());
        m.put("epochsTrained", p.epochsDone());
        if (p.bestEpoch() > 0) {
            m.put("bestEpoch", p.bestEpoch());
            m.put("bestValidationMrr", p.bestScore());
        }
        RgcnArtifacts.putFeatures(m, features);
        if (test != null) {
            RankReports.put(m, "test", test);
        }
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("model.json").toFile(), m);
    }
}
