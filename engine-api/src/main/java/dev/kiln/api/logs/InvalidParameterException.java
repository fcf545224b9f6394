package dev.kiln.api.logs;

import dev.kiln.api.error.KilnApiException;

/** A CloudWatch Logs parameter that is invalid in combination or content. Wire code {@code InvalidParameterException}. */
public final class InvalidParameterException extends KilnApiException {
    public InvalidParameterException(String message) {
        super(message);
    }

    @Override
    public String errorCode() {
        return "InvalidParameterException";
    }
}
