package dev.kiln.api.logs;

import dev.kiln.api.error.KilnApiException;

/**
 * A log group or stream that does not exist. CloudWatch Logs' wire code is
 * {@code ResourceNotFoundException}, unlike SageMaker's {@code ResourceNotFound}.
 */
public final class LogResourceNotFoundException extends KilnApiException {
    public LogResourceNotFoundException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "ResourceNotFoundException";
    }
}
