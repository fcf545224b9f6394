package dev.kiln.api.validation;

import static dev.kiln.api.validation.RequestJson.remove;
import static dev.kiln.api.validation.RequestJson.set;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.json.Json;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.ListTrainingJobsRequest;
import dev.kiln.api.training.StopTrainingJobRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TrainingJobValidatorTest {

    @Test
    void fullyFilledRequestPasses() {
        CreateTrainingJobRequest r = RequestJson.parse(RequestJson.valid());
        assertDoesNotThrow(() -> TrainingJobValidator.validateCreate(r));
    }

    @Test
    void fullyFilledRequestSetsEverySkeletonFieldButTheExclusiveOnes() throws Exception {
        // The CLI skeleton lists every member; the valid request must use them all, except members
        // that exclude one another (each is exercised by another test).
        String skeleton;
        try (InputStream in = CreateTrainingJobRequest.class.getResourceAsStream("create-training-job-cli-skeleton.json")) {
            skeleton = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Set<String> missing = leafPaths(Json.mapper().readTree(skeleton), "");
        missing.removeAll(leafPaths(RequestJson.valid(), ""));
        assertEquals(new TreeSet<>(Set.of(
                "AlgorithmSpecification.AlgorithmName",
                "InputDataConfig.DataSource.DatasetSource.DatasetArn",
                "InputDataConfig.DataSource.S3DataSource.InstanceGroupNames",
                "ResourceConfig.InstanceGroups.InstanceCount",
                "ResourceConfig.InstanceGroups.InstanceGroupName",
                "ResourceConfig.InstanceGroups.InstanceType")), missing);
    }

    private static Set<String> leafPaths(JsonNode node, String prefix) {
        Set<String> out = new TreeSet<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
                // Map-valued members: their keys are data, not members.
                boolean map = Set.of("HyperParameters", "Environment", "HookParameters", "CollectionParameters",
                        "RuleParameters", "ProfilingParameters").contains(e.getKey());
                out.addAll(map ? Set.of(p) : leafPaths(e.getValue(), p));
            }
        } else if (node.isArray()) {
            node.forEach(n -> out.addAll(leafPaths(n, prefix)));
        } else {
            out.add(prefix);
        }
        return out;
    }

    @Test
    void algorithmNameWithInstanceGroupsPasses() {
        CreateTrainingJobRequest r = RequestJson.validWith(t -> {
            remove(t, "AlgorithmSpecification.TrainingImage");
            set(t, "AlgorithmSpecification.AlgorithmName",
                    "arn:aws:sagemaker:us-west-2:123456789012:algorithm/transe");
            remove(t, "ResourceConfig.InstanceType");
            remove(t, "ResourceConfig.InstanceCount");
            set(t, "ResourceConfig.InstanceGroups", List.of(
                    Map.of("InstanceType", "ml.c5.xlarge", "InstanceCount", 1, "InstanceGroupName", "cpu"),
                    Map.of("InstanceType", "ml.p3.2xlarge", "InstanceCount", 2, "InstanceGroupName", "gpu")));
            set(t, "InputDataConfig[0].DataSource.S3DataSource.InstanceGroupNames", List.of("gpu"));
        });
        assertDoesNotThrow(() -> TrainingJobValidator.validateCreate(r));
    }

    @Test
    void minimalRequestWithLocalExecutableAndFileUrisPasses() throws Exception {
        String json = "{\"TrainingJobName\":\"local-1\",\"RoleArn\":\"arn:aws:iam::000000000000:role/kiln\","
                + "\"AlgorithmSpecification\":{\"TrainingImage\":\"./bin/train\",\"TrainingInputMode\":\"File\"},"
                + "\"InputDataConfig\":[{\"ChannelName\":\"train\",\"DataSource\":{\"S3DataSource\":{\"S3DataType\":\"S3Prefix\","
                + "\"S3Uri\":\"file:///data/train\"}}}],"
                + "\"OutputDataConfig\":{\"S3OutputPath\":\"file:///tmp/kiln-out\"},"
                + "\"ResourceConfig\":{\"InstanceType\":\"ml.m5.large\",\"InstanceCount\":1,\"VolumeSizeInGB\":1},"
                + "\"StoppingCondition\":{}}";
        CreateTrainingJobRequest r = Json.read(json, CreateTrainingJobRequest.class);
        assertDoesNotThrow(() -> TrainingJobValidator.validateCreate(r));
    }

    @Test
    void spotTrainingDefaultsMaxRuntimeToOneDay() {
        CreateTrainingJobRequest ok = RequestJson.validWith(t -> {
            remove(t, "StoppingCondition.MaxRuntimeInSeconds");
            set(t, "StoppingCondition.MaxWaitTimeInSeconds", 86_400);
        });
        assertDoesNotThrow(() -> TrainingJobValidator.validateCreate(ok));
        CreateTrainingJobRequest bad = RequestJson.validWith(t -> {
            remove(t, "StoppingCondition.MaxRuntimeInSeconds");
            set(t, "StoppingCondition.MaxWaitTimeInSeconds", 86_399);
        });
        assertThrows(ValidationException.class, () -> TrainingJobValidator.validateCreate(bad));
    }

    @Test
    void credentialMessageNamesTheKeyButNeverTheSecret() {
        String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        CreateTrainingJobRequest r = RequestJson.validWith(t -> set(t, "Environment.AWS_SECRET_ACCESS_KEY", secret));
        ValidationException e = assertThrows(ValidationException.class, () -> TrainingJobValidator.validateCreate(r));
        assertTrue(e.getMessage().contains("'AWS_SECRET_ACCESS_KEY'"), e.getMessage());
        assertTrue(e.getMessage().contains("an AWS secret access key"), e.getMessage());
        assertFalse(e.getMessage().contains(secret));
    }

    @Test
    void oversizedHyperparameterIsReportedWithoutEchoingIt() {
        String value = "secret-ish-" + "x".repeat(2600);
        CreateTrainingJobRequest r = RequestJson.validWith(t -> set(t, "HyperParameters.blob", value));
        ValidationException e = assertThrows(ValidationException.class, () -> TrainingJobValidator.validateCreate(r));
        assertFalse(e.getMessage().contains("secret-ish"));
        assertEquals(1, e.errors().size());
    }

    @Test
    void constraintErrorsComeBeforeSemanticOnes() {
        // Both a shape error and a semantic one (duplicate channel): the service reports the shape error.
        CreateTrainingJobRequest r = RequestJson.validWith(t -> {
            set(t, "InputDataConfig[1].ChannelName", "train");
            set(t, "ResourceConfig.VolumeSizeInGB", 0);
        });
        ValidationException e = assertThrows(ValidationException.class, () -> TrainingJobValidator.validateCreate(r));
        assertTrue(e.getMessage().startsWith("1 validation error detected: Value '0' at 'resourceConfig.volumeSizeInGB'"),
                e.getMessage());
    }

    @Test
    void describeAndStopCheckTheName() {
        assertDoesNotThrow(() -> TrainingJobValidator.validateDescribe(new DescribeTrainingJobRequest("job-1")));
        ValidationException e = assertThrows(ValidationException.class,
                () -> TrainingJobValidator.validateDescribe(new DescribeTrainingJobRequest(null)));
        assertEquals("1 validation error detected: Value null at 'trainingJobName' failed to satisfy constraint: "
                + "Member must not be null", e.getMessage());
        ValidationException stop = assertThrows(ValidationException.class,
                () -> TrainingJobValidator.validateStop(new StopTrainingJobRequest("-job")));
        assertEquals("1 validation error detected: Value '-job' at 'trainingJobName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", stop.getMessage());
        assertDoesNotThrow(() -> TrainingJobValidator.validateStop(new StopTrainingJobRequest("job-1")));
    }

    @Test
    void listChecksEveryFilter() {
        assertDoesNotThrow(() -> TrainingJobValidator.validateList(
                new ListTrainingJobsRequest(null, 100, null, null, null, null, "churn-", "Completed", "CreationTime",
                        "Descending", "Available", null)));
        assertDoesNotThrow(() -> TrainingJobValidator.validateList(null));
        ValidationException e = assertThrows(ValidationException.class, () -> TrainingJobValidator.validateList(
                new ListTrainingJobsRequest(null, 101, null, null, null, null, "bad name", "Done", "Size",
                        "Up", null, "arn:short")));
        assertEquals(7, e.errors().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("7 validation errors detected: Value '101' at 'maxResults' failed to "
                + "satisfy constraint: Member must have value less than or equal to 100; "), e.getMessage());
        assertTrue(e.getMessage().contains("Value 'Done' at 'statusEquals' failed to satisfy constraint: Member must "
                + "satisfy enum value set: [InProgress, Completed, Failed, Stopping, Stopped, Deleting]"));
    }

    @Test
    void nullRequestIsAValidationException() {
        assertThrows(ValidationException.class, () -> TrainingJobValidator.validateCreate(null));
    }
}
