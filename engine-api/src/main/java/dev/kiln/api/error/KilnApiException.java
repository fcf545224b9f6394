package dev.kiln.api.error;

/**
 * An error the AWS API would return: an error code ({@code __type} on the wire), an HTTP status and a
 * message. Every failure a caller can cause is one of these, never a raw exception.
 */
public abstract class KilnApiException extends RuntimeException {
    protected KilnApiException(String message) {
        super(message);
    }

    protected KilnApiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The service's error code, for example {@code ValidationException}. */
    public abstract String errorCode();

    /** The HTTP status the service answers with. */
    public int httpStatus() {
        return 400;
    }

    @Override
    public String toString() {
        return errorCode() + ": " + getMessage();
    }
}
