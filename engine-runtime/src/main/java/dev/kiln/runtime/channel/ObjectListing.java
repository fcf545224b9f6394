package dev.kiln.runtime.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.json.Json;
import dev.kiln.runtime.s3.ObjectLocation;
import dev.kiln.runtime.s3.ObjectStore;
import dev.kiln.runtime.s3.SafePaths;
import dev.kiln.runtime.s3.StoredObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of an S3Prefix or ManifestFile channel, in the service's order, each with the path it gets in the
 * channel directory.
 *
 * <p>For a prefix the relative path is the key with the prefix stripped up to and including the prefix's last
 * {@code /}: {@code s3://b/data/tr} puts {@code data/train/x.csv} at {@code train/x.csv} and {@code data/tr.csv}
 * at {@code tr.csv}, and {@code s3://b/data/} puts {@code data/train/x.csv} at {@code train/x.csv}. For a manifest
 * each entry is placed at the entry itself, relative to the channel directory.
 */
final class ObjectListing {
    private ObjectListing() {}

    static List<ChannelObject> ofPrefix(ObjectStore store, String prefixUri) {
        ObjectLocation prefix = store.locate(prefixUri);
        int cut = prefix.directoryPart().length();
        List<ChannelObject> objects = new ArrayList<>();
        for (StoredObject object : store.list(prefixUri)) {
            String rel = object.key().substring(cut);
            SafePaths.requireSafeRelative(rel, "Object key '" + object.key() + "'", false);
            objects.add(new ChannelObject(rel, object));
        }
        if (objects.isEmpty()) {
            throw new ChannelDataException("No S3 objects found under S3 URL \"" + prefixUri + "\" given in input"
                    + " data source. Please ensure that the bucket exists and that objects exist under that S3 prefix.");
        }
        return objects;
    }

    /** Parses {@code [{"prefix": "s3://b/p/"}, "rel/key1", ...]} and checks that every object exists. */
    static List<ChannelObject> ofManifest(ObjectStore store, String manifestUri) {
        StoredObject manifest = store.head(manifestUri).orElseThrow(() -> new ChannelDataException(
                "Manifest file \"" + manifestUri + "\" was not found."));
        JsonNode root;
        try {
            root = Json.mapper().readTree(manifest.path().toFile());
        } catch (IOException e) {
            throw new ChannelDataException("Manifest file \"" + manifestUri + "\" is not valid JSON: "
                    + e.getMessage(), e);
        }
        if (root == null || !root.isArray() || root.isEmpty() || !root.get(0).path("prefix").isTextual()) {
            throw new ChannelDataException("Manifest file \"" + manifestUri + "\" must be a JSON array whose first"
                    + " element is {\"prefix\": \"s3://bucket/prefix/\"}.");
        }
        String prefix = root.get(0).get("prefix").asText();
        store.locate(prefix);
        List<ChannelObject> objects = new ArrayList<>();
        for (int i = 1; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            if (!entry.isTextual()) {
                throw new ChannelDataException("Manifest file \"" + manifestUri + "\": element " + i
                        + " is not a string.");
            }
            String rel = entry.asText();
            SafePaths.requireSafeRelative(rel, "Manifest entry '" + rel + "' in " + manifestUri, false);
            String uri = prefix + rel;
            StoredObject object = store.head(uri).orElseThrow(() -> new ChannelDataException(
                    "Object \"" + uri + "\" listed in manifest \"" + manifestUri + "\" was not found."));
            objects.add(new ChannelObject(rel, object));
        }
        if (objects.isEmpty()) {
            throw new ChannelDataException("Manifest file \"" + manifestUri + "\" lists no objects.");
        }
        return objects;
    }
}
