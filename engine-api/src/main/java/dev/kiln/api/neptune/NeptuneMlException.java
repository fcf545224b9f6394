package dev.kiln.api.neptune;

import dev.kiln.api.error.KilnApiException;
import java.util.UUID;

/**
 * An error of the Neptune ML API, carrying the neptunedata error code (InvalidParameterException,
 * MissingParameterException, MLResourceNotFoundException, ...) and its HTTP status.
 */
public final class NeptuneMlException extends KilnApiException {
    private final String code;
    private final int status;

    public NeptuneMlException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    public static NeptuneMlException invalidParameter(String message) {
        return new NeptuneMlException("InvalidParameterException", 400, message);
    }

    public static NeptuneMlException missingParameter(String name) {
        return new NeptuneMlException("MissingParameterException", 400, "Missing required parameter: " + name);
    }

    public static NeptuneMlException notFound(String message) {
        return new NeptuneMlException("MLResourceNotFoundException", 404, message);
    }

    /** A request that is well formed but not possible in the current state (a job not completed, an id taken). */
    public static NeptuneMlException badRequest(String message) {
        return new NeptuneMlException("BadRequestException", 400, message);
    }

    @Override
    public String errorCode() {
        return code;
    }

    @Override
    public int httpStatus() {
        return status;
    }

    /** The body Neptune answers with. */
    public MlErrorBody body() {
        return new MlErrorBody(code, UUID.randomUUID().toString(), getMessage());
    }
}
