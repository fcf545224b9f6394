package dev.kiln.containers.docker;

import dev.kiln.runtime.exec.ContainerStartException;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Finds the image a TrainingImage names: a local image of exactly that name first (so an ECR-style
 * name matches a local tag of the same name, as a user would create with {@code docker tag}); a pull
 * only when the image is missing and its registry answers; otherwise a failure that says what to do.
 */
final class ImageResolver {
    private static final int REGISTRY_PROBE_MILLIS = 3000;

    private final DockerClient client;
    private final DockerSettings settings;
    private final DockerEndpoint endpoint;

    ImageResolver(DockerClient client, DockerSettings settings, DockerEndpoint endpoint) {
        this.client = client;
        this.settings = settings;
        this.endpoint = endpoint;
    }

    /** The image id of {@code image}, pulling it if needed and possible. */
    String resolve(String image, Consumer<String> progress) throws IOException {
        String local = localId(image);
        if (local != null) {
            return local;
        }
        ImageReference ref;
        try {
            ref = ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            throw new ContainerStartException(e.getMessage());
        }
        String missing = "image '" + image + "' is not on the Docker engine at " + endpoint.uri();
        String remedy = "build or load it there (docker build -t " + image + " . / docker load -i image.tar), "
                + "or tag a local image with this name (docker tag LOCAL_IMAGE " + image + ")";
        if (!settings.pull()) {
            throw new ContainerStartException(missing + " and pulling is off (kiln.docker.pull=never); " + remedy);
        }
        if (!reachable(ref.registryAddress())) {
            throw new ContainerStartException(missing + ", and its registry " + ref.registry() + " is not reachable from this machine, "
                    + "so it cannot be pulled; " + remedy);
        }
        progress.accept("pulling image " + image + " from " + ref.registry());
        try {
            boolean done = client.pullImageCmd(ref.repository()).withTag(ref.pullTag())
                    .exec(new PullImageResultCallback())
                    .awaitCompletion(settings.pullTimeout().toSeconds(), TimeUnit.SECONDS);
            if (!done) {
                throw new ContainerStartException("pulling image '" + image + "' took longer than kiln.docker.pullTimeoutSeconds ("
                        + settings.pullTimeout().toSeconds() + " s)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ContainerStartException("interrupted while pulling image '" + image + "'");
        } catch (RuntimeException e) {
            throw new ContainerStartException("pulling image '" + image + "' from " + ref.registry() + " failed: "
                    + DockerEngine.rootMessage(e) + "; " + remedy);
        }
        String pulled = localId(image);
        if (pulled == null) {
            throw new ContainerStartException("image '" + image + "' was pulled but the engine does not list it");
        }
        return pulled;
    }

    /** The id of the local image called {@code image}, or null. */
    String localId(String image) {
        try {
            return client.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** Whether a TCP connection to the registry opens quickly; a pull from a dead address would hang. */
    static boolean reachable(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), REGISTRY_PROBE_MILLIS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
