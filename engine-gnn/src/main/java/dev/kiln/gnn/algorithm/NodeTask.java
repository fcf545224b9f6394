package dev.kiln.gnn.algorithm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.algorithm.AlgorithmContext;
import dev.kiln.gnn.data.IdMap;
import dev.kiln.gnn.rgcn.NodeObjective;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What differs between RGCN node classification and node regression: the output width, the objective,
 * the metrics, the early-stopping score and the predictions file. {@link RgcnNodeTraining} runs either.
 */
interface NodeTask {

    /** A validation result: the higher {@code score} wins, ties go to the lower {@code tieBreak}. */
    record Score(double score, double tieBreak) {}

    /** The task as written to model.json. */
    String modelJsonTask();

    /** Output units per node (classes, or 1 for regression). */
    int outputs();

    NodeObjective objective();

    int trainSize();

    int validationSize();

    int testSize();

    /** The labels part of the start-up log line. */
    String describe();

    /** The train loss to report, from the objective's value. */
    double reportedLoss(double objectiveLoss);

    /** Emits the train metrics besides the loss for the outputs after the epoch's steps. */
    void emitTrain(AlgorithmContext ctx, double[] out, int epoch);

    /** Emits the validation metrics and returns the early-stopping score. */
    Score validate(AlgorithmContext ctx, double[] out, int epoch);

    /** Names the early-stopping criterion in the log, for a best {@code score}. */
    String criterion(double bestScore);

    /** Emits the test metrics (without epoch) and returns them for model.json. */
    ObjectNode test(AlgorithmContext ctx, double[] out);

    /** Writes predictions.tsv and the task's own files into the model dir. */
    void writeOutputs(Path dir, IdMap entities, double[] out) throws IOException;

    /** Adds the task's fields (and the best validation value, when an epoch was best) to model.json. */
    void describe(ObjectNode modelJson, double bestScore, boolean hasBest);

    /** Names of the output units when they are classes (matched by name on a warm start), else null. */
    List<String> classNames();
}
