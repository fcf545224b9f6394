package dev.kiln.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.json.Json;
import dev.kiln.api.training.CreateTrainingJobRequest;

/** Small request rewrites the CLI offers. */
final class Requests {
    private Requests() {}

    static CreateTrainingJobRequest withName(CreateTrainingJobRequest r, String name) {
        ObjectNode tree = Json.mapper().valueToTree(r);
        tree.put("TrainingJobName", name);
        return Json.mapper().convertValue(tree, CreateTrainingJobRequest.class);
    }
}
