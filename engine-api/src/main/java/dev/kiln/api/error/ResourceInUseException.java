package dev.kiln.api.error;

/** A name that is already taken. Wire code {@code ResourceInUse}, as SageMaker sends it. */
public final class ResourceInUseException extends KilnApiException {
    public ResourceInUseException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "ResourceInUse";
    }
}
