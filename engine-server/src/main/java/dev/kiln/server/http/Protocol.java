package dev.kiln.server.http;

/**
 * One wire protocol the endpoint speaks (awsJson1_1 today; Neptune ML's REST-JSON later). The
 * endpoint offers each call to its protocols in order; the first that accepts it answers it,
 * including its errors, in its own error format.
 */
public interface Protocol {
    /** Whether this protocol is the one {@code call} speaks (by headers and path alone). */
    boolean accepts(HttpCall call);

    /** Answers the call. Must not throw for anything a caller can send. */
    HttpReply handle(HttpCall call);
}
