package dev.kiln.server.http;

import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.server.http.auth.Credentials;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the endpoint listens and whom it lets in.
 *
 * @param bind            address to listen on (loopback unless credentials are configured)
 * @param port            TCP port; 0 picks a free one
 * @param credentials     the access key pair every request must be signed with; empty: no checking
 * @param maxBodyBytes    larger request bodies are refused with 413
 * @param maxClockSkew    how far a request's X-Amz-Date may be from this machine's clock
 * @param shutdownGrace   how long stopping waits for requests in flight
 * @param threads         request-handling threads
 * @param clock           the clock signatures are checked against
 */
public record EndpointSettings(
        InetAddress bind,
        int port,
        Optional<Credentials> credentials,
        int maxBodyBytes,
        Duration maxClockSkew,
        Duration shutdownGrace,
        int threads,
        Clock clock) {

    public static final String ACCESS_KEY_ID = "kiln.auth.accessKeyId";
    public static final String SECRET_ACCESS_KEY = "kiln.auth.secretAccessKey";
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    public EndpointSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (credentials.isEmpty() && !bind.isLoopbackAddress()) {
            throw new IllegalArgumentException("Refusing to listen on " + bind.getHostAddress()
                    + " without credentials: anyone who can reach it could run programs on this machine. Set "
                    + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY + " in config.properties of the Kiln home "
                    + "(every request must then be signed with them), or bind a loopback address such as 127.0.0.1.");
        }
    }

    /** Default limits for {@code bind:port}, with the credentials configured in {@code config} (if any). */
    public static EndpointSettings of(InetAddress bind, int port, KilnConfig config) {
        return new EndpointSettings(bind, port, credentials(config.raw()), DEFAULT_MAX_BODY_BYTES, Duration.ofMinutes(5),
                Duration.ofSeconds(10), Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), Clock.systemUTC());
    }

    /** The configured key pair; both keys or neither must be set. */
    static Optional<Credentials> credentials(Map<String, String> raw) {
        String id = blankToNull(raw.get(ACCESS_KEY_ID));
        String secret = blankToNull(raw.get(SECRET_ACCESS_KEY));
        if (id == null && secret == null) {
            return Optional.empty();
        }
        if (id == null || secret == null) {
            throw new IllegalArgumentException("Set both " + ACCESS_KEY_ID + " and " + SECRET_ACCESS_KEY
                    + " (only " + (id == null ? SECRET_ACCESS_KEY : ACCESS_KEY_ID) + " is set)");
        }
        return Optional.of(new Credentials(id, secret));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public EndpointSettings withCredentials(Credentials c) {
        return new EndpointSettings(bind, port, Optional.ofNullable(c), maxBodyBytes, maxClockSkew, shutdownGrace, threads, clock);
    }

    public EndpointSettings withMaxBodyBytes(int bytes) {
        return new EndpointSettings(bind, port, credentials, bytes, maxClockSkew, shutdownGrace, threads, clock);
    }

    public EndpointSettings withClock(Clock c) {
        return new EndpointSettings(bind, port, credentials, maxBodyBytes, maxClockSkew, shutdownGrace, threads, c);
    }
}
