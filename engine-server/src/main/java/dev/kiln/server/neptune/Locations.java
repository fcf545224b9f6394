package dev.kiln.server.neptune;

import java.nio.file.Path;

/**
 * The S3 URIs of Neptune requests as the object store takes them: {@code file:/x} becomes
 * {@code file:///x}, a relative {@code file:x} resolves against a base folder (the request file's, in the
 * CLI), and a trailing slash is dropped so that a location is a prefix to append {@code /name} to.
 */
public final class Locations {
    private Locations() {}

    public static String absolute(String uri, Path base) {
        if (uri == null || !uri.startsWith("file:") || uri.startsWith("file://")) {
            return uri;
        }
        String rest = uri.substring("file:".length());
        boolean dir = rest.endsWith("/");
        Path path = rest.startsWith("/") ? Path.of(rest) : base.resolve(rest).toAbsolutePath().normalize();
        return "file://" + path + (dir ? "/" : "");
    }

    /** Rejects a location the object store cannot hold (a bad bucket name, say) before any job exists. */
    static void check(dev.kiln.runtime.s3.ObjectStore objects, String field, String uri) {
        try {
            objects.locate(prefix(uri) + "/");
        } catch (dev.kiln.api.error.KilnApiException e) {
            throw dev.kiln.api.neptune.NeptuneMlException.invalidParameter(field + ": " + e.getMessage());
        }
    }

    static String prefix(String uri) {
        String u = absolute(uri, Path.of("."));
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** A request body (JSON) with its relative {@code file:} locations resolved against {@code base}. */
    public static String resolveRequest(String json, Path base) {
        try {
            com.fasterxml.jackson.databind.JsonNode tree = dev.kiln.api.neptune.NeptuneJson.mapper().readTree(json);
            rewrite(tree, base);
            return tree.toString();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw dev.kiln.api.neptune.NeptuneMlException.invalidParameter("Malformed request: " + e.getOriginalMessage());
        }
    }

    private static void rewrite(com.fasterxml.jackson.databind.JsonNode node, Path base) {
        if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            for (String field : new String[] {"inputDataS3Location", "processedDataS3Location", "trainModelS3Location",
                    "sourceS3DirectoryPath"}) {
                if (o.path(field).isTextual()) {
                    o.put(field, absolute(o.get(field).asText(), base));
                }
            }
            o.forEach(child -> rewrite(child, base));
        }
    }
}
