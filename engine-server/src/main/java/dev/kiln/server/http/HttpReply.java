package dev.kiln.server.http;

import java.nio.charset.StandardCharsets;

/** What the endpoint answers: a status, a content type and the body bytes. */
public record HttpReply(int status, String contentType, byte[] body) {
    public static HttpReply json(int status, String contentType, String body) {
        return new HttpReply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
