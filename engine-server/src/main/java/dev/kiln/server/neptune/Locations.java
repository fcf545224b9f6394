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

    static String prefix(String uri) {
        String u = absolute(uri, Path.of("."));
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }
}
