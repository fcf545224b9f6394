package dev.kiln.api.error;

/** A request beyond what this machine (or a configured limit) allows. Wire code {@code ResourceLimitExceeded}, as SageMaker sends it. */
public final class ResourceLimitExceededException extends KilnApiException {
    public ResourceLimitExceededException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "ResourceLimitExceeded";
    }
}
