package dev.kiln.server.http.auth;

import dev.kiln.server.http.HttpCall;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SigV4's canonical request for a received call, built as AWS SDKs build it for services other than
 * S3: the path normalized and its segments encoded again (so an already-encoded {@code %2F} becomes
 * {@code %252F}), query parameters decoded, re-encoded and sorted, and each signed header's values
 * trimmed, space-collapsed and comma-joined.
 */
final class CanonicalRequest {
    private static final HexFormat HEX = HexFormat.of();

    private CanonicalRequest() {}

    static String build(HttpCall call, List<String> signedHeaders, String payloadHash) {
        StringBuilder sb = new StringBuilder(256);
        sb.append(call.method()).append('\n');
        sb.append(path(call.rawPath())).append('\n');
        sb.append(query(call.rawQuery())).append('\n');
        for (String name : signedHeaders) {
            sb.append(name).append(':').append(headerValue(call.headerValues(name))).append('\n');
        }
        sb.append('\n');
        sb.append(String.join(";", signedHeaders)).append('\n');
        sb.append(payloadHash);
        return sb.toString();
    }

    static String path(String rawPath) {
        if (rawPath.equals("/")) {
            return "/"; // the only path awsJson uses; skip the work
        }
        String normalized;
        try {
            normalized = URI.create(rawPath).normalize().getRawPath();
        } catch (IllegalArgumentException e) {
            normalized = rawPath;
        }
        if (normalized == null || normalized.isEmpty()) {
            return "/";
        }
        StringBuilder sb = new StringBuilder(normalized.length() + 16);
        int start = 0;
        while (start <= normalized.length()) {
            int slash = normalized.indexOf('/', start);
            int end = slash < 0 ? normalized.length() : slash;
            sb.append(encode(normalized.substring(start, end)));
            if (slash < 0) {
                break;
            }
            sb.append('/');
            start = slash + 1;
        }
        return sb.toString();
    }

    static String query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<Map.Entry<String, String>> params = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            params.add(Map.entry(encode(decode(key)), encode(decode(value))));
        }
        params.sort(Map.Entry.<String, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> p : params) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p.getKey()).append('=').append(p.getValue());
        }
        return sb.toString();
    }

    static String headerValue(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String v = values.get(i).strip();
            boolean space = false;
            for (int k = 0; k < v.length(); k++) {
                char c = v.charAt(k);
                if (c == ' ' || c == '\t') {
                    space = true;
                    continue;
                }
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** RFC 3986 encoding: everything but unreserved characters as upper-case %XX of its UTF-8 bytes. */
    static String encode(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX.toHexDigits((byte) c).toUpperCase(java.util.Locale.ROOT));
            }
        }
        return sb.toString();
    }

    /** Percent-decoding without turning {@code +} into a space (SigV4 clients encode spaces as %20). */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(bytes, 0, bytes.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
