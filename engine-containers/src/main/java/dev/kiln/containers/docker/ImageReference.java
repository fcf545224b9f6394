package dev.kiln.containers.docker;

/**
 * An image reference split as Docker splits it: {@code [registry/]path[:tag][@digest]}. The first
 * component names a registry when it holds a dot or a colon or is {@code localhost}; otherwise the
 * image lives on Docker Hub. An ECR name ({@code 123456789012.dkr.ecr.us-west-2.amazonaws.com/algo:1})
 * is an ordinary reference whose registry is the ECR host.
 *
 * @param registry the registry host[:port] ({@code docker.io} for Docker Hub)
 * @param path     the repository path within the registry
 * @param tag      the tag, or null (then {@code latest} unless a digest is given)
 * @param digest   the digest ({@code sha256:...}), or null
 */
public record ImageReference(String registry, String path, String tag, String digest) {
    public static final String DOCKER_HUB = "docker.io";

    public static ImageReference parse(String image) {
        String rest = image.strip();
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
            }
        }
        if (rest.isEmpty()) {
            throw new IllegalArgumentException("not an image reference: " + image);
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    /** The repository as the pull API takes it ({@code fromImage}): registry and path, no tag. */
    public String repository() {
        return registry.equals(DOCKER_HUB) ? path : registry + "/" + path;
    }

    /** What to pull: the digest if given, else the tag, else {@code latest}. */
    public String pullTag() {
        return digest != null ? digest : (tag != null ? tag : "latest");
    }

    /** The host and port to try before pulling (Docker Hub's API host for docker.io). */
    public String registryAddress() {
        if (registry.equals(DOCKER_HUB)) {
            return "registry-1.docker.io:443";
        }
        if (registry.contains(":")) {
            return registry;
        }
        return registry + (registry.equals("localhost") ? ":80" : ":443");
    }
}
