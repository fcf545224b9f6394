package dev.kiln.runtime.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.kiln.api.json.Json;
import dev.kiln.api.training.CreateTrainingJobRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kiln accepts {@code file:} URIs wherever the API takes an S3 URI, including relative ones
 * ({@code file:data/train/}) that resolve against the directory of the request file, so samples
 * run from any checkout. The stored request keeps what the user wrote; execution sees absolute URIs.
 */
final class FileUris {
    private static final Set<String> URI_FIELDS = Set.of("S3Uri", "S3OutputPath", "TrainingImage");

    private FileUris() {}

    /** True for {@code file:x} (relative) as opposed to {@code file:/x} or {@code file:///x}. */
    static boolean isRelative(String uri) {
        return uri.startsWith("file:") && !uri.startsWith("file:/");
    }

    /**
     * An absolute {@code file:///} URI for a relative one, and the canonical {@code file:///} form for
     * {@code file:/path} and {@code file://localhost/path}; other URIs unchanged. Keeps a trailing slash.
     */
    static String absolute(String uri, Path base) {
        if (uri.startsWith("file://localhost/")) {
            return "file:///" + uri.substring("file://localhost/".length());
        }
        if (uri.startsWith("file:/") && !uri.startsWith("file://")) {
            return "file:///" + uri.substring("file:/".length());
        }
        if (!isRelative(uri)) {
            return uri;
        }
        String rel = uri.substring("file:".length());
        String abs = base.resolve(rel).toAbsolutePath().normalize().toString();
        return "file://" + abs + (rel.endsWith("/") && !abs.endsWith("/") ? "/" : "");
    }

    /** The request with every relative file: URI made absolute against {@code base}. */
    static CreateTrainingJobRequest resolve(CreateTrainingJobRequest request, Path base) {
        JsonNode tree = Json.mapper().valueToTree(request);
        rewrite(tree, base);
        return Json.mapper().convertValue(tree, CreateTrainingJobRequest.class);
    }

    private static void rewrite(JsonNode node, Path base) {
        if (node instanceof ObjectNode obj) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
                fields.add(it.next());
            }
            for (Map.Entry<String, JsonNode> f : fields) {
                if (URI_FIELDS.contains(f.getKey()) && f.getValue().isTextual() && f.getValue().asText().startsWith("file:")) {
                    obj.set(f.getKey(), TextNode.valueOf(absolute(f.getValue().asText(), base)));
                } else {
                    rewrite(f.getValue(), base);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(n -> rewrite(n, base));
        }
    }
}
