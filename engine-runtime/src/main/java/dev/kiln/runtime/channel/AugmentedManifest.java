package dev.kiln.runtime.channel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.json.Json;
import dev.kiln.runtime.s3.ObjectStore;
import dev.kiln.runtime.s3.StoredObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * An augmented manifest (JSON lines) reduced to Pipe records: for each line, one record per attribute in
 * AttributeNames order. An attribute whose name ends in {@code -ref} holds an S3 URI whose object content is the
 * record (decompressed when the channel is Gzip); any other attribute is its value, a JSON string as its text in
 * UTF-8 and any other JSON value as compact JSON. Attributes not listed are ignored, wherever they appear.
 */
final class AugmentedManifest {
    private AugmentedManifest() {}

    /** One JSON line's records. */
    record Line(int number, List<PipeRecord> records) {
        long storedSize() {
            return records.stream().mapToLong(PipeRecord::storedSize).sum();
        }
    }

    static List<Line> read(ObjectStore store, String manifestUri, List<String> attributeNames, boolean gzip) {
        StoredObject manifest = store.head(manifestUri).orElseThrow(() -> new ChannelDataException(
                "Augmented manifest file \"" + manifestUri + "\" was not found."));
        List<Line> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(manifest.path(), StandardCharsets.UTF_8)) {
            String text;
            int number = 0;
            while ((text = reader.readLine()) != null) {
                number++;
                if (!text.isBlank()) {
                    lines.add(parse(store, manifestUri, number, text, attributeNames, gzip));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (lines.isEmpty()) {
            throw new ChannelDataException("Augmented manifest file \"" + manifestUri + "\" has no JSON lines.");
        }
        return lines;
    }

    private static Line parse(ObjectStore store, String manifestUri, int number, String text,
            List<String> attributeNames, boolean gzip) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new ChannelDataException(where(manifestUri, number) + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw new ChannelDataException(where(manifestUri, number) + " is not a JSON object.");
        }
        List<PipeRecord> records = new ArrayList<>(attributeNames.size());
        for (String attribute : attributeNames) {
            JsonNode value = node.get(attribute);
            if (value == null) {
                throw new ChannelDataException(where(manifestUri, number) + " has no attribute '" + attribute + "'.");
            }
            records.add(attribute.endsWith("-ref")
                    ? reference(store, manifestUri, number, attribute, value, gzip)
                    : new PipeRecord.Inline(inline(value)));
        }
        return new Line(number, List.copyOf(records));
    }

    private static PipeRecord reference(ObjectStore store, String manifestUri, int number, String attribute,
            JsonNode value, boolean gzip) {
        if (!value.isTextual()) {
            throw new ChannelDataException(where(manifestUri, number) + ": attribute '" + attribute
                    + "' must be an S3 URI string.");
        }
        String uri = value.asText();
        StoredObject object = store.head(uri).orElseThrow(() -> new ChannelDataException(
                "Object \"" + uri + "\" referenced by " + where(manifestUri, number) + " was not found."));
        return new PipeRecord.Stored(object.path(), object.size(), gzip);
    }

    private static byte[] inline(JsonNode value) {
        String text = value.isTextual() ? value.asText() : value.toString();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String where(String manifestUri, int number) {
        return "line " + number + " of augmented manifest \"" + manifestUri + "\"";
    }
}
