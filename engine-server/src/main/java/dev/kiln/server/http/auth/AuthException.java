package dev.kiln.server.http.auth;

import dev.kiln.api.error.KilnApiException;

/**
 * A request refused before any operation runs because its authentication is missing or wrong, with
 * the error code and HTTP status the JSON-protocol AWS services use.
 */
public final class AuthException extends KilnApiException {
    private final String code;
    private final int status;

    private AuthException(String code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    /** No Authorization header at all. */
    static AuthException missing() {
        return new AuthException("MissingAuthenticationTokenException", 403, "Missing Authentication Token");
    }

    /** An Authorization header, or the headers it relies on, that cannot be read. */
    static AuthException incomplete(String message) {
        return new AuthException("IncompleteSignatureException", 400, message);
    }

    /** A signature that does not verify: wrong secret, tampered request, stale date or wrong scope. */
    static AuthException invalid(String message) {
        return new AuthException("InvalidSignatureException", 400, message);
    }

    /** An access key id this endpoint does not know. */
    static AuthException unrecognized() {
        return new AuthException("UnrecognizedClientException", 400, "The security token included in the request is invalid.");
    }

    @Override
    public String errorCode() {
        return code;
    }

    @Override
    public int httpStatus() {
        return status;
    }
}
