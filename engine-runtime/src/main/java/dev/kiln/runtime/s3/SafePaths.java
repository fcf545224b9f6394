package dev.kiln.runtime.s3;

import dev.kiln.api.error.ValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The escape rules shared by the store and the channels: a key, manifest entry or channel-relative path is a
 * list of non-empty segments, none of them {@code .} or {@code ..}, with no NUL, and a path built from it must
 * stay inside its base directory even after symbolic links are followed.
 */
public final class SafePaths {
    private SafePaths() {}

    /**
     * Checks a slash-separated relative path. {@code allowTrailingSlash} admits a prefix such as {@code data/}.
     *
     * @throws ValidationException naming {@code what} when the path is absolute, empty, contains NUL, or has an
     *     empty, {@code .} or {@code ..} segment
     */
    public static void requireSafeRelative(String rel, String what, boolean allowTrailingSlash) {
        String problem = problemWith(rel, allowTrailingSlash);
        if (problem != null) {
            throw new ValidationException(what + " is not allowed: " + problem);
        }
    }

    static String problemWith(String rel, boolean allowTrailingSlash) {
        if (rel.indexOf('\0') >= 0) {
            return "contains a NUL character";
        }
        if (rel.startsWith("/")) {
            return "is absolute";
        }
        String body = allowTrailingSlash && rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel;
        if (body.isEmpty()) {
            return allowTrailingSlash ? null : "is empty";
        }
        // -1 keeps trailing empty strings so "a//" and "a/" (when not allowed) are caught.
        for (String segment : body.split("/", -1)) {
            if (segment.isEmpty()) {
                return "has an empty path segment";
            }
            if (segment.equals(".") || segment.equals("..")) {
                return "has a '" + segment + "' path segment";
            }
        }
        return null;
    }

    /**
     * Resolves a checked relative path under {@code base} and verifies that the result, and the real path of its
     * deepest existing ancestor, are still inside {@code base}.
     */
    public static Path resolveInside(Path base, String rel, String what) {
        requireSafeRelative(rel, what, true);
        Path resolved = base.resolve(rel).normalize();
        if (!resolved.startsWith(base.normalize())) {
            throw new ValidationException(what + " is not allowed: it resolves outside " + base);
        }
        requireRealPathInside(base, resolved, what);
        return resolved;
    }

    /**
     * Follows symbolic links: the deepest existing ancestor of {@code path} (the path itself if it exists) must
     * have a real path inside the real path of {@code base}. A missing {@code base} passes: nothing can escape it.
     */
    public static void requireRealPathInside(Path base, Path path, String what) {
        try {
            if (!Files.exists(base)) {
                return;
            }
            Path realBase = base.toRealPath();
            Path probe = path.toAbsolutePath().normalize();
            while (probe != null && !Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
                probe = probe.getParent();
            }
            if (probe == null) {
                return;
            }
            if (!Files.exists(probe)) {
                // A dangling link: its target cannot be checked, so it is not trusted.
                throw new ValidationException(what + " is not allowed: " + probe + " is a dangling symbolic link");
            }
            if (!probe.toRealPath().startsWith(realBase)) {
                throw new ValidationException(what + " is not allowed: a symbolic link leads outside " + base);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
