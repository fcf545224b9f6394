package dev.kiln.server.http.auth;

import dev.kiln.server.http.HttpCall;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 in the Authorization header: parses it, checks the access key,
 * the request date (at most {@code maxSkew} from this machine's clock), the credential scope (date
 * and service; any region), the body against {@code x-amz-content-sha256} when sent, and finally
 * the signature over the canonical request. Thread-safe.
 */
public final class SigV4Verifier implements RequestAuthenticator {
    static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    });

    private final Credentials credentials;
    private final Clock clock;
    private final Duration maxSkew;
    /** Signing keys by "date/region/service": deriving one costs four HMACs, and they change daily. */
    private final Map<String, byte[]> signingKeys = new ConcurrentHashMap<>();

    public SigV4Verifier(Credentials credentials, Clock clock, Duration maxSkew) {
        this.credentials = credentials;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    /** Returns normally when {@code call} is correctly signed for {@code service}; throws {@link AuthException} otherwise. */
    @Override
    public void verify(HttpCall call, String service) {
        String authorization = call.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw AuthException.missing();
        }
        Map<String, String> parts = parse(authorization);
        String[] scope = parts.get("Credential").split("/", -1);
        if (scope.length != 5 || !scope[4].equals("aws4_request")) {
            throw AuthException.incomplete("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + parts.get("Credential").substring(parts.get("Credential").indexOf('/') + 1) + "'.");
        }
        byte[] keyId = credentials.accessKeyId().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(scope[0].getBytes(StandardCharsets.UTF_8), keyId)) {
            throw AuthException.unrecognized();
        }
        String amzDate = requestDate(call);
        checkSkew(amzDate);
        if (!scope[1].equals(amzDate.substring(0, 8))) {
            throw AuthException.invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + scope[1] + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        if (!scope[3].equals(service)) {
            throw AuthException.invalid("Credential should be scoped to correct service: '" + service + "'. ");
        }
        List<String> signed = Arrays.asList(parts.get("SignedHeaders").split(";"));
        if (!signed.contains("host")) {
            throw AuthException.incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        String payloadHash = HEX.formatHex(SHA256.get().digest(call.body()));
        String declared = call.header("x-amz-content-sha256");
        if (declared != null && !declared.strip().equalsIgnoreCase(payloadHash)) {
            throw AuthException.invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }
        String canonical = CanonicalRequest.build(call, signed, payloadHash);
        String scopeText = String.join("/", scope[1], scope[2], scope[3], scope[4]);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scopeText + "\n"
                + HEX.formatHex(SHA256.get().digest(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] expected = hmac(signingKey(scope[1], scope[2], scope[3]), stringToSign);
        byte[] given;
        try {
            given = HEX.parseHex(parts.get("Signature").toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            given = new byte[0];
        }
        if (!MessageDigest.isEqual(expected, given)) {
            throw AuthException.invalid("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
    }

    /** {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...} into its three parameters. */
    private static Map<String, String> parse(String authorization) {
        String header = authorization.strip();
        if (!header.startsWith(ALGORITHM + " ")) {
            int space = header.indexOf(' ');
            throw AuthException.incomplete("Unsupported AWS 'algorithm': '" + (space < 0 ? header : header.substring(0, space))
                    + "'. Only " + ALGORITHM + " (Signature Version 4) is accepted.");
        }
        Map<String, String> parts = new LinkedHashMap<>();
        for (String item : header.substring(ALGORITHM.length() + 1).split(",")) {
            String p = item.strip();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw AuthException.incomplete("'" + p + "' not a valid key=value pair (missing equal-sign) in Authorization header.");
            }
            parts.put(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
        }
        StringBuilder missing = new StringBuilder();
        for (String required : List.of("Credential", "SignedHeaders", "Signature")) {
            if (parts.getOrDefault(required, "").isEmpty()) {
                missing.append("Authorization header requires '").append(required).append("' parameter. ");
            }
        }
        if (missing.length() > 0) {
            throw AuthException.incomplete(missing.toString().strip());
        }
        return parts;
    }

    /** X-Amz-Date in basic ISO-8601, else the Date header converted to it. */
    private static String requestDate(HttpCall call) {
        String amz = call.header("X-Amz-Date");
        if (amz != null) {
            try {
                AMZ_DATE.parse(amz.strip());
                return amz.strip();
            } catch (DateTimeParseException e) {
                throw AuthException.incomplete("Date must be in ISO-8601 'basic format' (yyyyMMdd'T'HHmmss'Z'). Got '" + amz + "'.");
            }
        }
        String date = call.header("Date");
        if (date != null) {
            try {
                return AMZ_DATE.format(ZonedDateTime.parse(date.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException e) {
                throw AuthException.incomplete("Date header is not an RFC 1123 date: '" + date + "'.");
            }
        }
        throw AuthException.incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }

    private void checkSkew(String amzDate) {
        Instant signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        Instant now = clock.instant();
        long minutes = maxSkew.toMinutes();
        if (signedAt.isBefore(now.minus(maxSkew))) {
            throw AuthException.invalid("Signature expired: " + amzDate + " is now earlier than "
                    + AMZ_DATE.format(now.minus(maxSkew)) + " (" + AMZ_DATE.format(now) + " - " + minutes + " min.)");
        }
        if (signedAt.isAfter(now.plus(maxSkew))) {
            throw AuthException.invalid("Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(now.plus(maxSkew)) + " (" + AMZ_DATE.format(now) + " + " + minutes + " min.)");
        }
    }

    private byte[] signingKey(String date, String region, String service) {
        String id = date + "/" + region + "/" + service;
        byte[] key = signingKeys.get(id);
        if (key == null) {
            if (signingKeys.size() > 64) {
                signingKeys.clear(); // old dates; clients sign with today's
            }
            byte[] k = hmac(("AWS4" + credentials.secretAccessKey()).getBytes(StandardCharsets.UTF_8), date);
            k = hmac(k, region);
            k = hmac(k, service);
            key = hmac(k, "aws4_request");
            signingKeys.put(id, key);
        }
        return key;
    }

    private static byte[] hmac(byte[] key, String data) {
        Mac mac = HMAC.get();
        try {
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
