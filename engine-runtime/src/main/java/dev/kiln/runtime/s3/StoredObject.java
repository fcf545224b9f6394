package dev.kiln.runtime.s3;

import java.nio.file.Path;

/**
 * One object in the local store: its S3 coordinates, the regular file that holds its bytes and its size.
 * For {@code file://} locations the bucket is empty and the key is the absolute path without its leading slash.
 */
public record StoredObject(String bucket, String key, Path path, long size) {
}
