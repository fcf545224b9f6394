package dev.kiln.runtime.channel;

/**
 * A channel whose data cannot be delivered: nothing under the prefix, a missing manifest or object, a malformed
 * manifest. The job fails with this message as its FailureReason, as SageMaker fails a job whose download fails
 * (the message already starts with {@code ClientError:}).
 */
public final class ChannelDataException extends RuntimeException {
    public ChannelDataException(String message) {
        super("ClientError: " + message);
    }

    public ChannelDataException(String message, Throwable cause) {
        super("ClientError: " + message, cause);
    }
}
