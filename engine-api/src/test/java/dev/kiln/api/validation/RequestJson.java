package dev.kiln.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.json.Json;
import dev.kiln.api.training.CreateTrainingJobRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Test helper: the fully filled valid CreateTrainingJob request as a mutable JSON tree, edited by
 * dotted paths with list indexes ({@code InputDataConfig[0].ChannelName}).
 */
final class RequestJson {
    private RequestJson() {}

    static String resource(String name) {
        try (InputStream in = RequestJson.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode valid() {
        try {
            return (ObjectNode) Json.mapper().readTree(resource("create-training-job-valid.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CreateTrainingJobRequest parse(JsonNode tree) {
        try {
            return Json.read(tree.toString(), CreateTrainingJobRequest.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The valid request after {@code edit}, parsed with the shared ObjectMapper. */
    static CreateTrainingJobRequest validWith(Consumer<ObjectNode> edit) {
        ObjectNode tree = valid();
        edit.accept(tree);
        return parse(tree);
    }

    static void set(ObjectNode root, String path, Object value) {
        JsonNode v = Json.mapper().valueToTree(value);
        JsonNode parent = parentOf(root, path);
        String last = lastStep(path);
        if (last.endsWith("]")) {
            ((ArrayNode) parent.get(name(last))).set(index(last), v);
        } else {
            ((ObjectNode) parent).set(last, v);
        }
    }

    static void remove(ObjectNode root, String path) {
        ((ObjectNode) parentOf(root, path)).remove(lastStep(path));
    }

    static JsonNode node(ObjectNode root, String path) {
        JsonNode n = root;
        for (String step : path.split("\\.")) {
            n = step.endsWith("]") ? n.get(name(step)).get(index(step)) : n.get(step);
        }
        return n;
    }

    private static JsonNode parentOf(ObjectNode root, String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? root : node(root, path.substring(0, dot));
    }

    private static String lastStep(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String name(String step) {
        return step.substring(0, step.indexOf('['));
    }

    private static int index(String step) {
        return Integer.parseInt(step.substring(step.indexOf('[') + 1, step.length() - 1));
    }
}
