package dev.kiln.server.http.neptune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.server.http.HttpCall;
import dev.kiln.server.http.HttpReply;
import dev.kiln.server.http.auth.RequestAuthenticator;
import dev.kiln.server.neptune.NeptuneMlService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The /ml/dataprocessing and /ml/modeltraining REST calls, answered by the protocol without a socket. */
class NeptuneMlProtocolIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The TransE sample's copy of Kinship (surefire runs in the module directory). */
    private static final Path KINSHIP = Path.of("..", "samples", "training", "kge-kinship", "data").toAbsolutePath().normalize();

    @TempDir
    Path tmp;
    TuningJobService tuning;
    NeptuneMlProtocol protocol;

    @BeforeEach
    void open() {
        tuning = TuningJobService.open(new KilnHome(tmp.resolve("home")), KilnConfig.fromMap(Map.of("kiln.host.cpus", "2",
                "kiln.host.memory", "8g", "kiln.host.gpus", "none")), LaunchMode.IN_ENGINE);
        protocol = new NeptuneMlProtocol(new NeptuneMlService(tuning), RequestAuthenticator.none());
    }

    @AfterEach
    void close() {
        tuning.close();
    }

    record Answer(int status, JsonNode body) {}

    private Answer call(String method, String path, String query, String body) throws Exception {
        HttpCall call = new HttpCall(method, path, query, Map.of("Content-Type", List.of("application/json")),
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
        assertTrue(protocol.accepts(call));
        HttpReply reply = protocol.handle(call);
        assertEquals("application/json", reply.contentType());
        return new Answer(reply.status(), JSON.readTree(reply.body()));
    }

    @Test
    void dataProcessingAndModelTrainingOverRest() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(KINSHIP.resolve("train/train.txt"), in.resolve("train.txt"));
        Files.copy(KINSHIP.resolve("validation/valid.txt"), in.resolve("valid.txt"));
        Files.copy(KINSHIP.resolve("test/test.txt"), in.resolve("test.txt"));
        Answer started = call("POST", "/ml/dataprocessing", null, "{\"id\": \"dp\", \"inputDataS3Location\": \"file://" + in
                + "/\", \"processedDataS3Location\": \"s3://kiln-test/processed\"}");
        assertEquals(200, started.status());
        assertTrue(started.body().get("arn").asText().startsWith("arn:aws:sagemaker:"));
        JsonNode dp = call("GET", "/ml/dataprocessing/dp", null, null).body();
        assertEquals("Completed", dp.get("status").asText(), dp.toString());

        Answer training = call("POST", "/ml/modeltraining", null, "{\"id\": \"mt\", \"dataProcessingJobId\": \"dp\", "
                + "\"trainModelS3Location\": \"s3://kiln-test/model\", \"trainingInstanceType\": \"ml.m5.large\", "
                + "\"maxHPONumberOfTrainingJobs\": 1}");
        assertEquals(200, training.status(), training.body().toString());
        JsonNode status = call("GET", "/ml/modeltraining/mt", null, null).body();
        for (int i = 0; i < 600 && !status.get("status").asText().equals("Completed"); i++) {
            Thread.sleep(200);
            status = call("GET", "/ml/modeltraining/mt", null, null).body();
        }
        assertEquals("Completed", status.get("status").asText(), status.toString());
        assertEquals("Completed", status.get("modelTransformJob").get("status").asText());
        assertEquals("[\"mt\"]", call("GET", "/ml/modeltraining", "maxItems=1", null).body().get("ids").toString());
        assertEquals("Completed", call("DELETE", "/ml/modeltraining/mt", "clean=true", null).body().get("status").asText());
        assertFalse(Files.exists(tmp.resolve("home/s3/kiln-test/model")));
    }

    @Test
    void errorsUseNeptuneBodies() throws Exception {
        Answer missing = call("GET", "/ml/modeltraining/nope", null, null);
        assertEquals(404, missing.status());
        assertEquals("MLResourceNotFoundException", missing.body().get("code").asText());
        assertTrue(missing.body().has("requestId") && missing.body().has("detailedMessage"));
        Answer noField = call("POST", "/ml/modeltraining", null, "{\"trainModelS3Location\": \"s3://b/m\"}");
        assertEquals(400, noField.status());
        assertEquals("MissingParameterException", noField.body().get("code").asText());
        assertEquals("InvalidParameterException", call("GET", "/ml/dataprocessing", "maxItems=2000", null).body().get("code").asText());
        assertEquals("InvalidParameterException", call("GET", "/ml/dataprocessing", "maxItems=x", null).body().get("code").asText());
        assertEquals("UnsupportedOperationException", call("PUT", "/ml/dataprocessing/x", null, "{}").body().get("code").asText());
    }

    @Test
    void leavesOtherCallsToOtherProtocols() {
        assertFalse(protocol.accepts(new HttpCall("POST", "/", null, Map.of("X-Amz-Target", List.of("SageMaker.ListTrainingJobs")),
                new byte[0])));
        assertFalse(protocol.accepts(new HttpCall("GET", "/ml/endpoints", null, Map.of(), new byte[0])));
        assertFalse(protocol.accepts(new HttpCall("GET", "/ml/modeltraining/a/b", null, Map.of(), new byte[0])));
    }
}
