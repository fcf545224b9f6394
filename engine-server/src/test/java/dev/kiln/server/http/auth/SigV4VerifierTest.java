package dev.kiln.server.http.auth;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.server.http.HttpCall;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verification against the published SigV4 test suite (get-vanilla and friends) and each way a signature fails. */
class SigV4VerifierTest {
    private static final Credentials EXAMPLE = new Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final Instant SIGNED_AT = Instant.parse("2015-08-30T12:36:00Z");
    private static final String SCOPE = "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date";

    private static SigV4Verifier at(Instant now) {
        return new SigV4Verifier(EXAMPLE, Clock.fixed(now, ZoneOffset.UTC), Duration.ofMinutes(5));
    }

    private static HttpCall call(String method, String path, String query, String signature) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Host", List.of("example.amazonaws.com"));
        headers.put("X-Amz-Date", List.of("20150830T123600Z"));
        if (signature != null) {
            headers.put("Authorization", List.of("AWS4-HMAC-SHA256 " + SCOPE + ", Signature=" + signature));
        }
        return new HttpCall(method, path, query, headers, new byte[0]);
    }

    private static AuthException refused(HttpCall call, Instant now) {
        return assertThrows(AuthException.class, () -> at(now).verify(call, "service"));
    }

    @Test
    void acceptsTheTestSuitesSignatures() {
        assertDoesNotThrow(() -> at(SIGNED_AT).verify(
                call("GET", "/", null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), "service"));
        assertDoesNotThrow(() -> at(SIGNED_AT).verify(
                call("POST", "/", null, "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"), "service"));
        // get-vanilla-query-order-key-case: parameters are sorted before signing.
        assertDoesNotThrow(() -> at(SIGNED_AT.plusSeconds(299)).verify(
                call("GET", "/", "Param2=value2&Param1=value1", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"), "service"));
    }

    @Test
    void aChangedRequestOrSecretDoesNotVerify() {
        AuthException method = refused(call("POST", "/", null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), SIGNED_AT);
        assertEquals("InvalidSignatureException", method.errorCode());
        assertEquals(400, method.httpStatus());
        assertTrue(method.getMessage().startsWith("The request signature we calculated does not match"));

        SigV4Verifier otherSecret = new SigV4Verifier(new Credentials("AKIDEXAMPLE", "another"), Clock.fixed(SIGNED_AT, ZoneOffset.UTC),
                Duration.ofMinutes(5));
        AuthException secret = assertThrows(AuthException.class, () -> otherSecret.verify(
                call("GET", "/", null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), "service"));
        assertEquals("InvalidSignatureException", secret.errorCode());

        assertEquals("InvalidSignatureException", refused(call("GET", "/", null, "not-hex"), SIGNED_AT).errorCode());
    }

    @Test
    void aDateMoreThanFiveMinutesAwayIsRefused() {
        String good = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
        AuthException late = refused(call("GET", "/", null, good), SIGNED_AT.plus(Duration.ofMinutes(5)).plusSeconds(1));
        assertEquals("InvalidSignatureException", late.errorCode());
        assertEquals("Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z (20150830T124101Z - 5 min.)",
                late.getMessage());
        AuthException early = refused(call("GET", "/", null, good), SIGNED_AT.minus(Duration.ofMinutes(6)));
        assertTrue(early.getMessage().startsWith("Signature not yet current"), early.getMessage());
        assertDoesNotThrow(() -> at(SIGNED_AT.minus(Duration.ofMinutes(5))).verify(call("GET", "/", null, good), "service"));
    }

    @Test
    void missingIncompleteAndForeignCredentialsAreTold() {
        AuthException missing = refused(call("GET", "/", null, null), SIGNED_AT);
        assertEquals("MissingAuthenticationTokenException", missing.errorCode());
        assertEquals(403, missing.httpStatus());

        HttpCall noSignature = new HttpCall("GET", "/", null, Map.of("Host", List.of("example.amazonaws.com"),
                "X-Amz-Date", List.of("20150830T123600Z"), "Authorization", List.of("AWS4-HMAC-SHA256 " + SCOPE)), new byte[0]);
        AuthException incomplete = refused(noSignature, SIGNED_AT);
        assertEquals("IncompleteSignatureException", incomplete.errorCode());
        assertEquals("Authorization header requires 'Signature' parameter.", incomplete.getMessage());

        HttpCall v2 = new HttpCall("GET", "/", null, Map.of("Authorization", List.of("AWS AKIDEXAMPLE:abc")), new byte[0]);
        assertEquals("IncompleteSignatureException", refused(v2, SIGNED_AT).errorCode());

        HttpCall noDate = new HttpCall("GET", "/", null, Map.of("Host", List.of("example.amazonaws.com"),
                "Authorization", List.of("AWS4-HMAC-SHA256 " + SCOPE + ", Signature=00")), new byte[0]);
        assertTrue(refused(noDate, SIGNED_AT).getMessage().contains("'X-Amz-Date' or a 'Date' header"));

        SigV4Verifier stranger = new SigV4Verifier(new Credentials("AKIDOTHER", "x"), Clock.fixed(SIGNED_AT, ZoneOffset.UTC), Duration.ofMinutes(5));
        AuthException unknown = assertThrows(AuthException.class,
                () -> stranger.verify(call("GET", "/", null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), "service"));
        assertEquals("UnrecognizedClientException", unknown.errorCode());

        AuthException service = assertThrows(AuthException.class, () -> at(SIGNED_AT)
                .verify(call("GET", "/", null, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"), "sagemaker"));
        assertEquals("Credential should be scoped to correct service: 'sagemaker'. ", service.getMessage());
    }

    @Test
    void canonicalPathsAndQueriesAreEncodedAsSdksEncodeThem() {
        // Normalized, then each segment encoded again (a received %2F is signed as %252F), as botocore does.
        assertEquals("/c/%252F", CanonicalRequest.path("/a%20b/../c/%2F"));
        assertEquals("/", CanonicalRequest.path("/"));
        assertEquals("a=%20&a=b&z=%E2%82%AC", CanonicalRequest.query("z=%E2%82%AC&a=b&a=%20"));
        assertEquals("x=", CanonicalRequest.query("x"));
        assertEquals("a b,c", CanonicalRequest.headerValue(List.of("  a   b ", "c")));
    }
}
