package dev.kiln.server.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.kiln.server.http.awsjson.AwsJsonError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads each request (refusing bodies over the limit with 413 before reading them whole), hands it
 * to the first protocol that accepts it, and writes the reply with a request id. Nothing a client
 * sends reaches the client as a stack trace.
 *
 * <p>It also counts requests in flight so that stopping can wait for exactly those: the JDK 17
 * server's own {@code stop(delay)} always waits the whole delay.
 */
final class EndpointHandler implements HttpHandler {
    private static final System.Logger LOG = System.getLogger("dev.kiln.server.http");

    private final List<Protocol> protocols;
    private final int maxBodyBytes;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    EndpointHandler(List<Protocol> protocols, int maxBodyBytes) {
        this.protocols = List.copyOf(protocols);
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        // Counted before draining is read, so drain() either sees this request or this request sees draining.
        inFlight.incrementAndGet();
        try (exchange) {
            HttpReply reply;
            if (draining) {
                reply = AwsJsonError.reply(503, "ServiceUnavailable", "The Kiln endpoint is shutting down.");
            } else {
                try {
                    reply = answer(exchange);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "internal error", e);
                    reply = AwsJsonError.reply(500, "InternalFailure",
                            "The request processing has failed because of an unknown error, exception or failure.");
                }
            }
            write(exchange, reply);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** Refuses new requests from now on and waits until those in flight are answered, or the deadline. */
    void drain(Duration grace) {
        draining = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private HttpReply answer(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && tooLong(length)) {
            return tooLarge();
        }
        byte[] body = readAtMost(exchange.getRequestBody(), maxBodyBytes);
        if (body == null) {
            return tooLarge();
        }
        HttpCall call = new HttpCall(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
        for (Protocol p : protocols) {
            if (p.accepts(call)) {
                return p.handle(call);
            }
        }
        return AwsJsonError.reply(404, "UnknownOperationException",
                "No operation at " + call.method() + " " + call.rawPath() + " on this endpoint.");
    }

    private boolean tooLong(String contentLength) {
        try {
            return Long.parseLong(contentLength.strip()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false; // the server library rejects a malformed length itself
        }
    }

    private HttpReply tooLarge() {
        return AwsJsonError.reply(413, "RequestEntityTooLargeException",
                "Request body is larger than the limit of " + maxBodyBytes + " bytes.");
    }

    /** The body, or null when it is longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, 8192));
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static void write(HttpExchange exchange, HttpReply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        if (reply.status() == 413 || reply.status() == 503) {
            // The unread rest of a body would be taken for the next request; a stopping server wants no next one.
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body());
        }
    }
}
