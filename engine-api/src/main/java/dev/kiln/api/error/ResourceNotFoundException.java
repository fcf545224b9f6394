package dev.kiln.api.error;

/** An unknown job or resource. Wire code {@code ResourceNotFound}, as SageMaker sends it. */
public final class ResourceNotFoundException extends KilnApiException {
    public ResourceNotFoundException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "ResourceNotFound";
    }
}
