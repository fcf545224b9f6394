package dev.kiln.server.http;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One HTTP request as the endpoint sees it, independent of the server library: method, the path and
 * query exactly as received (still percent-encoded), headers looked up case-insensitively, and the
 * whole body.
 */
public record HttpCall(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public HttpCall {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
        headers = Collections.unmodifiableMap(copy);
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Every value of a header (empty when absent). */
    public List<String> headerValues(String name) {
        return headers.getOrDefault(name, List.of());
    }
}
