package dev.kiln.server.http.auth;

import dev.kiln.server.http.HttpCall;

/** Decides whether a call may proceed; throws {@link AuthException} when it may not. */
public interface RequestAuthenticator {
    void verify(HttpCall call, String signingService);

    /** Accepts every call: the endpoint runs without credentials (loopback only). */
    static RequestAuthenticator none() {
        return (call, service) -> { };
    }
}
