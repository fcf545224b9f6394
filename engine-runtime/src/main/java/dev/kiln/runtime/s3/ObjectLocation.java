package dev.kiln.runtime.s3;

/**
 * A parsed, validated object URI. {@code s3://bucket/key} gives the bucket and the key (possibly a prefix,
 * possibly empty); {@code file:///abs/path} gives an empty bucket and the path without its leading slash,
 * so the same prefix arithmetic works for both.
 */
public record ObjectLocation(String bucket, String key) {

    /** True for a {@code file://} location, which lives outside the store root. */
    public boolean isFile() {
        return bucket.isEmpty();
    }

    /** The key up to and including its last {@code /}: the "directory" part S3 listings group by. */
    public String directoryPart() {
        return key.substring(0, key.lastIndexOf('/') + 1);
    }
}
