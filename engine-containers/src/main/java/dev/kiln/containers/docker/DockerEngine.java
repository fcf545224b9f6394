package dev.kiln.containers.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A connection to one Docker engine. Two clients share the endpoint: one with a short response
 * timeout to probe the engine, and one without, for the requests that last as long as a job
 * (following logs, waiting for the exit).
 */
public final class DockerEngine implements AutoCloseable {
    /** DeviceRequests (GPUs) arrived in API 1.40 (Docker 19.03); nothing older is supported. */
    private static final int[] MIN_API = {1, 40};

    private final DockerEndpoint endpoint;
    private final DockerClient client;
    private final DockerClient probe;

    private DockerEngine(DockerEndpoint endpoint) {
        this.endpoint = endpoint;
        // The engine's own API version is used (unversioned paths), so old and new engines both answer.
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(endpoint.uri().toString()).build();
        this.client = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .maxConnections(200).connectionTimeout(Duration.ofSeconds(5)).build());
        this.probe = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .maxConnections(4).connectionTimeout(Duration.ofSeconds(3)).responseTimeout(Duration.ofSeconds(10)).build());
    }

    public static DockerEngine connect(DockerEndpoint endpoint) {
        return new DockerEngine(endpoint);
    }

    public DockerEndpoint endpoint() {
        return endpoint;
    }

    /** The client for every request; it has no response timeout. */
    public DockerClient client() {
        return client;
    }

    /** Empty when the engine answers with a usable API version; otherwise why it cannot be used. */
    public Optional<String> problem() {
        Version v;
        try {
            v = probe.versionCmd().exec();
        } catch (RuntimeException e) {
            return Optional.of("no Docker engine answers at " + endpoint + ": " + rootMessage(e)
                    + ". Start Docker, or point DOCKER_HOST or -Dkiln.docker.host at a running engine.");
        }
        String api = v.getApiVersion();
        if (api != null && !atLeast(api, MIN_API)) {
            return Optional.of("the Docker engine at " + endpoint + " speaks API " + api + " (Docker " + v.getVersion()
                    + "); Kiln needs API " + MIN_API[0] + "." + MIN_API[1] + " (Docker 19.03) or newer.");
        }
        return Optional.empty();
    }

    static boolean atLeast(String version, int[] min) {
        String[] parts = version.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > min[0] || (major == min[0] && minor >= min[1]);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage();
        return m == null || m.isBlank() ? c.getClass().getSimpleName() : m.strip();
    }

    @Override
    public void close() throws IOException {
        client.close();
        probe.close();
    }
}
