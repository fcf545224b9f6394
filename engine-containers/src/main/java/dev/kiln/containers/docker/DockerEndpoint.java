package dev.kiln.containers.docker;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the Docker engine is, and why there: {@code kiln.docker.host}, else {@code DOCKER_HOST}, else the
 * current Docker context, else the default socket, else a rootless engine's socket in XDG_RUNTIME_DIR.
 *
 * @param uri    the engine address
 * @param source how it was found, for messages
 */
public record DockerEndpoint(URI uri, String source) {
    static final String DEFAULT_SOCKET = "/var/run/docker.sock";

    public static DockerEndpoint discover(DockerSettings settings, Map<String, String> env) {
        if (settings.host() != null) {
            return new DockerEndpoint(URI.create(settings.host()), "kiln.docker.host");
        }
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            return new DockerEndpoint(URI.create(dockerHost.trim()), "DOCKER_HOST");
        }
        URI fromContext = contextHost();
        if (fromContext != null && !fromContext.getPath().equals(DEFAULT_SOCKET)) {
            return new DockerEndpoint(fromContext, "the current Docker context");
        }
        if (Files.exists(Path.of(DEFAULT_SOCKET))) {
            return new DockerEndpoint(URI.create("unix://" + DEFAULT_SOCKET), "the default socket");
        }
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && Files.exists(Path.of(runtimeDir, "docker.sock"))) {
            return new DockerEndpoint(URI.create("unix://" + Path.of(runtimeDir, "docker.sock")), "the rootless engine's socket");
        }
        return new DockerEndpoint(URI.create("unix://" + DEFAULT_SOCKET), "the default socket");
    }

    /** The endpoint of the Docker CLI's current context (~/.docker), if one is set. */
    private static URI contextHost() {
        try {
            return DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost();
        } catch (RuntimeException unreadableDockerConfig) {
            return null;
        }
    }

    @Override
    public String toString() {
        return uri + " (" + source + ")";
    }
}
