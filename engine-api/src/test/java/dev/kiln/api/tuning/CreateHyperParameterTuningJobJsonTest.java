package dev.kiln.api.tuning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.kiln.api.json.Json;
import dev.kiln.api.training.CreateTrainingJobRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreateHyperParameterTuningJobJsonTest {

    private static String resource(String name) throws Exception {
        try (InputStream in = CreateHyperParameterTuningJobJsonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void cliSkeletonParsesAndRoundTripsWithoutLosingAField() throws Exception {
        // Printed by `aws sagemaker create-hyper-parameter-tuning-job --generate-cli-skeleton` (aws-cli 1.45.11).
        String skeleton = resource("create-hyper-parameter-tuning-job-cli-skeleton.json");
        CreateHyperParameterTuningJobRequest r = Json.read(skeleton, CreateHyperParameterTuningJobRequest.class);
        assertEquals("Hyperband", r.hyperParameterTuningJobConfig().strategy());
        assertEquals("Enabled", r.hyperParameterTuningJobConfig().tuningJobCompletionCriteria().convergenceDetected()
                .completeOnConvergence());
        assertEquals(0.0, r.hyperParameterTuningJobConfig().tuningJobCompletionCriteria().targetObjectiveMetricValue());
        assertEquals("TransferLearning", r.warmStartConfig().warmStartType());
        assertEquals("Enabled", r.autotune().mode());
        assertEquals(1, r.trainingJobDefinitions().size());
        assertEquals("Prioritized", r.trainingJobDefinition().hyperParameterTuningResourceConfig().allocationStrategy());

        JsonNode original = Json.mapper().readTree(skeleton);
        JsonNode written = Json.mapper().readTree(Json.write(r));
        assertEquals(original, written);
    }

    @Test
    void unknownFieldIsRejected() {
        assertThrows(UnrecognizedPropertyException.class, () -> Json.read(
                "{\"HyperParameterTuningJobName\":\"a\",\"HyperParameterTuningJobConfig\":{\"Bogus\":1}}",
                CreateHyperParameterTuningJobRequest.class));
    }

    @Test
    void describeResponseUsesTheServiceNames() throws Exception {
        var best = new HyperParameterTrainingJobSummary(null, "t-001-0123abcd", "arn:x", "t", Instant.ofEpochSecond(10),
                null, null, "Completed", Map.of("lr", "0.1"), null,
                new FinalHyperParameterTuningJobObjectiveMetric("Minimize", "loss", 0.5), "Succeeded");
        var d = new DescribeHyperParameterTuningJobResponse("t", "arn:t", null, null, null, "Completed",
                Instant.ofEpochSecond(10), null, null, new TrainingJobStatusCounters(1, 0, 0, 0, 0),
                new ObjectiveStatusCounters(1, 0, 0), best, null, null, null, null,
                new HyperParameterTuningJobCompletionDetails(2, null), new HyperParameterTuningJobConsumedResources(5));
        JsonNode tree = Json.mapper().readTree(Json.write(d));
        assertEquals(1, tree.at("/TrainingJobStatusCounters/Completed").asInt());
        assertEquals(0.5, tree.at("/BestTrainingJob/FinalHyperParameterTuningJobObjectiveMetric/Value").asDouble());
        assertEquals(2, tree.at("/TuningJobCompletionDetails/NumberOfTrainingJobsObjectiveNotImproving").asInt());
        assertEquals(10, tree.at("/CreationTime").asLong());
        assertEquals(d, Json.read(Json.write(d), DescribeHyperParameterTuningJobResponse.class));
    }

    @Test
    void definitionBecomesATrainingRequestWithTheTrialsHyperParameters() throws Exception {
        String json = """
                {"StaticHyperParameters": {"epochs": "10"},
                 "AlgorithmSpecification": {"TrainingImage": "file:train", "TrainingInputMode": "File",
                    "MetricDefinitions": [{"Name": "loss", "Regex": "loss=(\\\\S+)"}]},
                 "RoleArn": "arn:aws:iam::123456789012:role/R",
                 "OutputDataConfig": {"S3OutputPath": "s3://b/o"},
                 "HyperParameterTuningResourceConfig": {"InstanceConfigs": [
                    {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 5},
                    {"InstanceType": "ml.c5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 5}]},
                 "StoppingCondition": {"MaxRuntimeInSeconds": 60}}
                """;
        HyperParameterTrainingJobDefinition def = Json.read(json, HyperParameterTrainingJobDefinition.class);
        CreateTrainingJobRequest t = def.toTrainingJobRequest("job-001-00000000", Map.of("lr", "0.1"), List.of());
        assertEquals("job-001-00000000", t.trainingJobName());
        assertEquals(Map.of("lr", "0.1"), t.hyperParameters());
        assertEquals("ml.m5.large", t.resourceConfig().instanceType());
        assertEquals("loss", t.algorithmSpecification().metricDefinitions().get(0).name());
        assertNull(t.tags());
        assertTrue(Json.write(def).contains("HyperParameterTuningResourceConfig"));
        assertTrue(!Json.write(def).contains("EffectiveResourceConfig"), "helper methods are not wire fields");
    }
}
