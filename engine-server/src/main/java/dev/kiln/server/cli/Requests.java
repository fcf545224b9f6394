package dev.kiln.server.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.json.Json;
import dev.kiln.api.json.RequestParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Request files as the CLI reads them: a missing or unreadable file is a ValidationException, as a bad body is. */
final class Requests {
    private Requests() {}

    /** The file's text. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ValidationException("Request file not found: " + file);
        } catch (IOException e) {
            throw new ValidationException("Cannot read request file " + file + ": " + e.getMessage());
        }
    }

    /**
     * The file parsed as {@code type}; with a non-null {@code name}, the request's {@code nameField}
     * (for example TrainingJobName) is replaced by it (handy for re-running a sample).
     */
    static <T> T parse(Path file, Class<T> type, String nameField, String name) {
        T request = RequestParser.parse(read(file), type);
        if (name == null) {
            return request;
        }
        ObjectNode tree = Json.mapper().valueToTree(request);
        tree.put(nameField, name);
        return Json.mapper().convertValue(tree, type);
    }
}
