package dev.kiln.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.json.Json;
import dev.kiln.server.http.testing.EndpointFixture;
import dev.kiln.server.http.testing.RawHttp;
import dev.kiln.server.http.testing.SdkSigning;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire protocol at the edges an SDK never reaches: malformed and oversized bodies, unknown
 * operations and targets, wrong content types, and requests whose signature is missing, stale,
 * incomplete or does not cover the body sent. Requests are signed by the AWS SDK's own signer.
 */
class EndpointProtocolIT {
    private static final int LIMIT = 64 * 1024;

    @TempDir
    static Path tmp;
    static EndpointFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = EndpointFixture.start(tmp.resolve("home"), LIMIT);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private record Answer(int status, String type, String message) {}

    private static Answer call(String service, String target, String body, Clock clock) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return send(SdkSigning.awsJsonHeaders(fixture.uri(), service, target, bytes,
                EndpointFixture.CREDENTIALS.accessKeyId(), EndpointFixture.CREDENTIALS.secretAccessKey(), clock), bytes);
    }

    private static Answer sageMaker(String operation, String body) throws Exception {
        return call("sagemaker", "SageMaker." + operation, body, Clock.systemUTC());
    }

    private static Answer send(Map<String, String> headers, byte[] body) throws Exception {
        try (RawHttp http = new RawHttp(fixture.uri())) {
            RawHttp.Response r = http.send("POST", "/", headers, body);
            assertTrue(r.headers().containsKey("x-amzn-requestid"), r.headers().toString());
            if (r.body().isEmpty()) {
                return new Answer(r.status(), null, null);
            }
            assertEquals("application/x-amz-json-1.1", r.headers().get("content-type"));
            JsonNode json = Json.mapper().readTree(r.body());
            return new Answer(r.status(), json.path("__type").asText(null), json.path("message").asText(null));
        }
    }

    @Test
    void aSignedRequestSucceeds() throws Exception {
        Answer a = sageMaker("ListTrainingJobs", "{}");
        assertEquals(200, a.status);
        Answer logs = call("logs", "Logs_20140328.DescribeLogStreams", "{\"logGroupName\":\"/aws/sagemaker/TrainingJobs\"}", Clock.systemUTC());
        assertEquals(200, logs.status);
    }

    @Test
    void malformedBodiesAreValidationErrorsNamingTheProblem() throws Exception {
        Answer broken = sageMaker("DescribeTrainingJob", "{\"TrainingJobName\": ");
        assertEquals(new Answer(400, "ValidationException", broken.message), broken);
        assertTrue(broken.message.startsWith("Malformed JSON request body"), broken.message);

        Answer unknownField = sageMaker("DescribeTrainingJob", "{\"TrainingJobName\": \"x\", \"Colour\": \"red\"}");
        assertEquals("ValidationException", unknownField.type);
        assertTrue(unknownField.message.contains("\"Colour\""), unknownField.message);

        Answer wrongType = sageMaker("ListTrainingJobs", "{\"MaxResults\": \"ten\"}");
        assertEquals("ValidationException", wrongType.type);
        assertTrue(wrongType.message.contains("MaxResults"), wrongType.message);

        Answer empty = sageMaker("ListTrainingJobs", "");
        assertEquals("ValidationException", empty.type);

        Answer array = sageMaker("ListTags", "[1, 2]");
        assertEquals(400, array.status);
        assertEquals("ValidationException", array.type);

        Answer logs = call("logs", "Logs_20140328.GetLogEvents", "{\"logStreamName\": {\"name\": \"x\"}}", Clock.systemUTC());
        assertEquals("ValidationException", logs.type);
        assertTrue(logs.message.contains("logStreamName"), logs.message);

        Answer limit = call("logs", "Logs_20140328.GetLogEvents",
                "{\"logGroupName\": \"/aws/sagemaker/TrainingJobs\", \"logStreamName\": \"a/algo-1-1\", \"limit\": 0}", Clock.systemUTC());
        assertEquals("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: "
                + "Member must have value greater than or equal to 1", limit.message);
    }

    @Test
    void unknownOperationsAndTargetsAreUnknownOperationException() throws Exception {
        Answer op = sageMaker("CreateEndpoint", "{}");
        assertEquals(400, op.status);
        assertEquals("UnknownOperationException", op.type);

        Answer service = call("dynamodb", "DynamoDB_20120810.ListTables", "{}", Clock.systemUTC());
        assertEquals("UnknownOperationException", service.type);

        Map<String, String> headers = signed("sagemaker", "SageMaker.ListTrainingJobs", "{}");
        headers.remove("X-Amz-Target");
        Answer noTarget = send(headers, "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals("UnknownOperationException", noTarget.type);
        assertTrue(noTarget.message.contains("X-Amz-Target"), noTarget.message);
    }

    @Test
    void aWrongContentTypeIsRefused() throws Exception {
        // Signed as sent, so only the content type is wrong.
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = SdkSigning.headers(fixture.uri(), "sagemaker", "SageMaker.ListTrainingJobs", "text/plain", body,
                EndpointFixture.CREDENTIALS.accessKeyId(), EndpointFixture.CREDENTIALS.secretAccessKey(), Clock.systemUTC());
        Answer a = send(headers, body);
        assertEquals(400, a.status);
        assertEquals("UnknownOperationException", a.type);
        assertTrue(a.message.contains("Content-Type"), a.message);
    }

    @Test
    void bodiesOverTheLimitAreRefusedWith413() throws Exception {
        String big = "{\"TrainingJobName\": \"" + "x".repeat(LIMIT) + "\"}";
        Answer a = sageMaker("DescribeTrainingJob", big);
        assertEquals(413, a.status);
        assertEquals("RequestEntityTooLargeException", a.type);
    }

    @Test
    void missingIncompleteStaleAndTamperedSignaturesAreRefused() throws Exception {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        Map<String, String> good = signed("sagemaker", "SageMaker.ListTrainingJobs", "{}");

        Map<String, String> unsigned = new LinkedHashMap<>(good);
        unsigned.remove("Authorization");
        assertEquals(new Answer(403, "MissingAuthenticationTokenException", "Missing Authentication Token"), send(unsigned, body));

        Map<String, String> incomplete = new LinkedHashMap<>(good);
        incomplete.put("Authorization", good.get("Authorization").replaceAll(", Signature=[0-9a-f]+", ""));
        Answer inc = send(incomplete, body);
        assertEquals(400, inc.status);
        assertEquals("IncompleteSignatureException", inc.type);

        Answer stale = call("sagemaker", "SageMaker.ListTrainingJobs", "{}",
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-6)));
        assertEquals("InvalidSignatureException", stale.type);
        assertTrue(stale.message.startsWith("Signature expired"), stale.message);
        Answer future = call("sagemaker", "SageMaker.ListTrainingJobs", "{}",
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(6)));
        assertEquals("InvalidSignatureException", future.type);

        // The body was changed after signing: caught by the declared payload hash, and without it by the signature.
        Map<String, String> forBody = signed("sagemaker", "SageMaker.DescribeTrainingJob", "{\"TrainingJobName\":\"a\"}");
        byte[] changed = "{\"TrainingJobName\":\"b\"}".getBytes(StandardCharsets.UTF_8);
        Answer tampered = send(forBody, changed);
        assertEquals(new Answer(400, "InvalidSignatureException", tampered.message), tampered);
        forBody.keySet().removeIf(k -> k.equalsIgnoreCase("x-amz-content-sha256"));
        forBody.put("Authorization", forBody.get("Authorization").replace("x-amz-content-sha256;", ""));
        Answer undeclared = send(forBody, changed);
        assertEquals("InvalidSignatureException", undeclared.type);
        assertTrue(undeclared.message.startsWith("The request signature we calculated does not match"), undeclared.message);

        Map<String, String> declared = new LinkedHashMap<>(good);
        declared.keySet().removeIf(k -> k.equalsIgnoreCase("x-amz-content-sha256"));
        declared.put("x-amz-content-sha256", "0".repeat(64));
        Answer hash = send(declared, body);
        assertEquals("InvalidSignatureException", hash.type);
        assertTrue(hash.message.contains("x-amz-content-sha256"), hash.message);

        // A signature for the logs service does not open SageMaker.
        Map<String, String> otherService = signed("logs", "SageMaker.ListTrainingJobs", "{}");
        Answer scope = send(otherService, body);
        assertEquals("InvalidSignatureException", scope.type);
        assertTrue(scope.message.contains("'sagemaker'"), scope.message);

        Map<String, String> otherTarget = new LinkedHashMap<>(good);
        otherTarget.put("X-Amz-Target", "SageMaker.DescribeTrainingJob");
        assertEquals("InvalidSignatureException", send(otherTarget, body).type);
    }

    @Test
    void refusalsChangeNothing() throws Exception {
        String request = """
                {"TrainingJobName": "never-created",
                 "AlgorithmSpecification": {"TrainingImage": "file:///bin/true", "TrainingInputMode": "File"},
                 "RoleArn": "arn:aws:iam::123456789012:role/R",
                 "OutputDataConfig": {"S3OutputPath": "s3://b/p"},
                 "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 1},
                 "StoppingCondition": {"MaxRuntimeInSeconds": 60}}""";
        Map<String, String> headers = signed("sagemaker", "SageMaker.CreateTrainingJob", request);
        headers.put("Authorization", headers.get("Authorization").replaceAll("Signature=[0-9a-f]{4}", "Signature=0000"));
        assertEquals("InvalidSignatureException", send(headers, request.getBytes(StandardCharsets.UTF_8)).type);
        assertFalse(fixture.jobs.exists("never-created"));
    }

    private static Map<String, String> signed(String service, String target, String body) {
        return new LinkedHashMap<>(SdkSigning.awsJsonHeaders(fixture.uri(), service, target, body.getBytes(StandardCharsets.UTF_8),
                EndpointFixture.CREDENTIALS.accessKeyId(), EndpointFixture.CREDENTIALS.secretAccessKey(), Clock.systemUTC()));
    }
}
