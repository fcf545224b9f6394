package dev.kiln.server.http.testing;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs raw awsJson requests with the AWS SDK's own SigV4 signer, so that tests check the endpoint's
 * verifier against an independent implementation rather than against itself.
 */
public final class SdkSigning {
    private SdkSigning() {}

    /** Headers for {@code POST /} calling {@code target}, signed for {@code service} at the clock's time. */
    public static Map<String, String> awsJsonHeaders(URI endpoint, String service, String target, byte[] body,
                                                     String accessKeyId, String secret, Clock clock) {
        return headers(endpoint, service, target, "application/x-amz-json-1.1", body, accessKeyId, secret, clock);
    }

    /** As {@link #awsJsonHeaders} with any content type. */
    public static Map<String, String> headers(URI endpoint, String service, String target, String contentType, byte[] body,
                                              String accessKeyId, String secret, Clock clock) {
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.resolve("/"))
                .putHeader("Content-Type", contentType)
                .putHeader("X-Amz-Target", target)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKeyId, secret))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().forEachHeader((name, values) -> headers.put(name, String.join(",", values)));
        if (headers.keySet().stream().noneMatch(k -> k.equalsIgnoreCase("Host"))) {
            headers.put("Host", endpoint.getHost() + ":" + endpoint.getPort());
        }
        return headers;
    }
}
