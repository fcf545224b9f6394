package dev.kiln.runtime.s3;

import dev.kiln.api.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Parses {@code s3://}, {@code https://} (S3 virtual-hosted and path-style hosts) and {@code file://} URIs.
 * URIs are taken literally, without percent-decoding, as SageMaker takes S3Uri values.
 */
final class ObjectUris {
    /** S3 lists keys in UTF-8 binary order; String.compareTo (UTF-16) differs above U+FFFF. */
    static final Comparator<String> UTF8_ORDER = (a, b) -> java.util.Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final int MAX_KEY_BYTES = 1024;

    private ObjectUris() {}

    static ObjectLocation parse(String uri) {
        if (uri == null || uri.isEmpty()) {
            throw new ValidationException("Invalid S3 URI '': the URI is empty");
        }
        if (uri.indexOf('\0') >= 0) {
            throw invalid(uri, "it contains a NUL character");
        }
        if (uri.startsWith("s3://")) {
            return s3(uri, uri.substring(5));
        }
        if (uri.startsWith("https://")) {
            return https(uri, uri.substring(8));
        }
        if (uri.startsWith("file://")) {
            return file(uri, uri.substring(7));
        }
        throw invalid(uri, "only s3://, https:// (S3 hosts) and file:// URIs are supported");
    }

    private static ObjectLocation s3(String uri, String rest) {
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        return location(uri, bucket, key);
    }

    private static ObjectLocation https(String uri, String rest) {
        int slash = rest.indexOf('/');
        String host = (slash < 0 ? rest : rest.substring(0, slash)).toLowerCase(java.util.Locale.ROOT);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        if (!host.endsWith(".amazonaws.com") && !host.endsWith(".amazonaws.com.cn")) {
            throw invalid(uri, "an https URI must name an S3 endpoint (*.amazonaws.com)");
        }
        if (host.startsWith("s3.") || host.startsWith("s3-")) {
            return s3(uri, path); // path-style: https://s3.region.amazonaws.com/bucket/key
        }
        int marker = Math.max(host.indexOf(".s3."), host.indexOf(".s3-"));
        if (marker <= 0) {
            throw invalid(uri, "an https URI must name an S3 endpoint (*.amazonaws.com)");
        }
        return location(uri, host.substring(0, marker), path);
    }

    private static ObjectLocation file(String uri, String rest) {
        if (!rest.startsWith("/")) {
            throw invalid(uri, "a file URI must be absolute (file:///path)");
        }
        String relative = rest.substring(1);
        String problem = SafePaths.problemWith(relative, true);
        if (problem != null && !relative.isEmpty()) {
            throw invalid(uri, "the path " + problem + "; use a normalized absolute path");
        }
        return new ObjectLocation("", relative);
    }

    private static ObjectLocation location(String uri, String bucket, String key) {
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..") || IP_ADDRESS.matcher(bucket).matches()) {
            throw invalid(uri, "bucket name '" + bucket + "' does not follow S3 bucket naming rules"
                    + " (3-63 lowercase letters, digits, dots and hyphens; starts and ends with a letter or digit)");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw invalid(uri, "the key is longer than " + MAX_KEY_BYTES + " bytes");
        }
        String problem = SafePaths.problemWith(key, true);
        if (problem != null) {
            throw invalid(uri, "the key " + problem);
        }
        return new ObjectLocation(bucket, key);
    }

    private static ValidationException invalid(String uri, String why) {
        return new ValidationException("Invalid S3 URI '" + uri + "': " + why);
    }
}
