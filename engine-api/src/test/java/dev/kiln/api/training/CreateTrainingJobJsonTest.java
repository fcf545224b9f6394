package dev.kiln.api.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.kiln.api.json.Json;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CreateTrainingJobJsonTest {

    private static String resource(String name) throws Exception {
        try (InputStream in = CreateTrainingJobJsonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void cliSkeletonParsesAndRoundTripsWithoutLosingAField() throws Exception {
        // Printed by `aws sagemaker create-training-job --generate-cli-skeleton` (aws-cli 1.45.11).
        String skeleton = resource("create-training-job-cli-skeleton.json");
        CreateTrainingJobRequest request = Json.read(skeleton, CreateTrainingJobRequest.class);
        assertEquals("File", request.algorithmSpecification().trainingInputMode());
        assertEquals("ml.trn1.2xlarge", request.resourceConfig().instanceType());
        assertEquals("FineTuning", request.serverlessJobConfig().jobType());

        JsonNode original = Json.mapper().readTree(skeleton);
        JsonNode written = Json.mapper().readTree(Json.write(request));
        assertEquals(original, written);
    }

    @Test
    void unknownFieldIsRejected() {
        assertThrows(UnrecognizedPropertyException.class,
                () -> Json.read("{\"TrainingJobName\":\"a\",\"Bogus\":1}", CreateTrainingJobRequest.class));
    }

    @Test
    void wrongScalarTypesAreRejectedNotCoerced() {
        for (String json : new String[] {"{\"TrainingJobName\": 5}", "{\"TrainingJobName\": true}",
                "{\"ResourceConfig\": {\"InstanceCount\": 1.5}}", "{\"ResourceConfig\": {\"InstanceCount\": \"1\"}}"}) {
            assertThrows(dev.kiln.api.error.ValidationException.class,
                    () -> dev.kiln.api.json.RequestParser.parse(json, CreateTrainingJobRequest.class), json);
        }
    }

    @Test
    void timestampsAreEpochSeconds() throws Exception {
        var t = new SecondaryStatusTransition("Training", Instant.ofEpochMilli(1700000000123L), null, "m");
        String json = Json.write(t);
        assertEquals("{\"Status\":\"Training\",\"StartTime\":1700000000.123,\"StatusMessage\":\"m\"}", json);
        assertEquals(t, Json.read(json, SecondaryStatusTransition.class));
    }
}
