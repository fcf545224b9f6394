package dev.kiln.server.neptune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.neptune.NeptuneMlException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one target of a processed heterogeneous graph (a {@code tasks} entry of {@code graph-schema.json})
 * and what the {@code rgcn} algorithm makes of it: the {@code task} hyperparameter and the tuning
 * objective. Neptune ML trains one target per data-processing configuration, so a graph with none or
 * several is refused; so are edge classification and regression, for which engine-gnn has no heads.
 *
 * @param target node or edge
 * @param type   the node type, or the edge type {@code source_relation_dest}
 * @param column the label column (empty for link prediction)
 * @param file   the labels file relative to {@code nodes/} (node targets), else null
 */
record GraphTarget(String target, String type, String taskType, String column, String file) {

    static GraphTarget of(JsonNode schema, String dataProcessingJobId) {
        List<GraphTarget> targets = new ArrayList<>();
        for (JsonNode t : schema.path("tasks")) {
            targets.add(new GraphTarget(t.path("target").asText(), t.path("type").asText(), t.path("task").asText(),
                    t.path("column").asText(""), t.hasNonNull("file") ? t.get("file").asText() : null));
        }
        if (targets.isEmpty()) {
            throw NeptuneMlException.badRequest("The graph of data-processing job " + dataProcessingJobId + " has no target: "
                    + "rgcn needs one node label or one edge link_prediction label in the training-data configuration");
        }
        if (targets.size() > 1) {
            throw NeptuneMlException.badRequest("The graph of data-processing job " + dataProcessingJobId + " has "
                    + targets.size() + " targets " + targets.stream().map(GraphTarget::describe).toList()
                    + "; Neptune ML trains one target per data-processing job: process the graph with a training-data "
                    + "configuration (configFileName) that labels only the target to train");
        }
        GraphTarget t = targets.get(0);
        t.task(); // refuses edge classification and regression now, before a tuning job exists
        return t;
    }

    boolean isNodeTarget() {
        return target.equals("node");
    }

    /** The rgcn {@code task} hyperparameter. */
    String task() {
        if (isNodeTarget() && taskType.equals("classification")) {
            return "node-class";
        }
        if (isNodeTarget() && taskType.equals("regression")) {
            return "node-regression";
        }
        if (!isNodeTarget() && taskType.equals("link_prediction")) {
            return "link-predict";
        }
        throw NeptuneMlException.badRequest("Target " + describe() + " cannot be trained: the rgcn model has no "
                + "edge " + taskType + " head (node classification, node regression and edge link_prediction are supported)");
    }

    /** The tuning objective: validation accuracy, RMSE or MRR. */
    String metric() {
        return switch (task()) {
            case "node-class" -> "validation:accuracy";
            case "node-regression" -> "validation:rmse";
            default -> "validation:mrr";
        };
    }

    boolean maximise() {
        return !task().equals("node-regression");
    }

    String describe() {
        return target + " " + type + (column.isEmpty() ? "" : "." + column) + " " + taskType;
    }
}
