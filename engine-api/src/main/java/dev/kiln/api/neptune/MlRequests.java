package dev.kiln.api.neptune;

/** Rules shared by the Neptune ML requests. */
public final class MlRequests {
    public static final int DEFAULT_MAX_ITEMS = 10;
    public static final int MAX_MAX_ITEMS = 1024;

    private MlRequests() {}

    /** The list size asked for: default 10, between 1 and 1024 as botocore's model says. */
    public static int maxItems(Integer maxItems) {
        if (maxItems == null) {
            return DEFAULT_MAX_ITEMS;
        }
        if (maxItems < 1 || maxItems > MAX_MAX_ITEMS) {
            throw NeptuneMlException.invalidParameter("maxItems must be between 1 and " + MAX_MAX_ITEMS + ", got " + maxItems);
        }
        return maxItems;
    }

    static void require(String name, String value) {
        if (value == null || value.isBlank()) {
            throw NeptuneMlException.missingParameter(name);
        }
    }

    static void atLeast(String name, Integer value, int min) {
        if (value != null && value < min) {
            throw NeptuneMlException.invalidParameter(name + " must be at least " + min + ", got " + value);
        }
    }

    static void s3(String name, String value) {
        if (value != null && !(value.startsWith("s3://") || value.startsWith("file:"))) {
            throw NeptuneMlException.invalidParameter(name + " must be an s3:// (or file:) location, got '" + value + "'");
        }
    }
}
