package dev.kiln.runtime.exec;

import java.io.IOException;

/**
 * A container could not be started for a reason the user can act on (a missing image, an engine
 * that does not answer): the job fails with a ClientError naming it, and RetryStrategy may retry it.
 */
public class ContainerStartException extends IOException {
    public ContainerStartException(String message) {
        super(message);
    }

    public ContainerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
