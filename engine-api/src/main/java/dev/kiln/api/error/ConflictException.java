package dev.kiln.api.error;

/** A request that conflicts with the resource's current state. Wire code {@code ConflictException}, as SageMaker sends it. */
public final class ConflictException extends KilnApiException {
    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "ConflictException";
    }
}
