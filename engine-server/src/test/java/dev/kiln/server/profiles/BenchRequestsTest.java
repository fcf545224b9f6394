package dev.kiln.server.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.json.Json;
import dev.kiln.api.training.CreateTrainingJobRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchRequestsTest {
    private static final Instant AT = Instant.parse("2026-11-22T09:08:07Z");

    private static ObjectNode request(String name) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("TrainingJobName", name);
        r.putObject("AlgorithmSpecification").put("TrainingImage", "file:///bin/true").put("TrainingInputMode", "File");
        r.put("RoleArn", "arn:aws:iam::123456789012:role/R");
        r.putObject("OutputDataConfig").put("S3OutputPath", "s3://b/p");
        r.putObject("ResourceConfig").put("InstanceType", "ml.m5.large").put("InstanceCount", 1).put("VolumeSizeInGB", 1);
        r.putObject("StoppingCondition").put("MaxRuntimeInSeconds", 60);
        return r;
    }

    private static CreateTrainingJobRequest parse(ObjectNode tree) {
        return Json.mapper().convertValue(tree, CreateTrainingJobRequest.class);
    }

    @Test
    void eachVariantIsRenamedAndRetypedAndKeepsTheRest() {
        Map<String, CreateTrainingJobRequest> v = BenchRequests.variants(parse(request("mnist")),
                List.of("ml.c5.xlarge", "ml.p6-b200.48xlarge"), AT);
        assertEquals(List.of("ml.c5.xlarge", "ml.p6-b200.48xlarge"), List.copyOf(v.keySet()));
        CreateTrainingJobRequest c5 = v.get("ml.c5.xlarge");
        assertEquals("mnist-ml-c5-xlarge-20261122-090807", c5.trainingJobName());
        assertEquals("ml.c5.xlarge", c5.resourceConfig().instanceType());
        assertEquals(1, c5.resourceConfig().volumeSizeInGB());
        assertEquals("s3://b/p", c5.outputDataConfig().s3OutputPath());
        assertEquals("mnist-ml-p6-b200-48xlarge-20261122-090807", v.get("ml.p6-b200.48xlarge").trainingJobName());
    }

    @Test
    void eachVariantCheckpointsUnderItsOwnPrefixSoNoneResumesAnother() {
        ObjectNode r = request("ckpt");
        r.putObject("CheckpointConfig").put("S3Uri", "s3://b/checkpoints/").put("LocalPath", "/opt/ml/checkpoints");
        Map<String, CreateTrainingJobRequest> v = BenchRequests.variants(parse(r), List.of("ml.c5.xlarge", "ml.m5.large"), AT);
        assertEquals("s3://b/checkpoints/ckpt-ml-c5-xlarge-20261122-090807", v.get("ml.c5.xlarge").checkpointConfig().s3Uri());
        assertEquals("s3://b/checkpoints/ckpt-ml-m5-large-20261122-090807", v.get("ml.m5.large").checkpointConfig().s3Uri());
        assertEquals("/opt/ml/checkpoints", v.get("ml.m5.large").checkpointConfig().localPath());
    }

    @Test
    void longNamesAreShortenedToTheServiceLimit() {
        String name = BenchRequests.jobName("a".repeat(63), "ml.p6e-gb200.36xlarge", "20261122-090807");
        assertEquals(63, name.length());
        assertTrue(name.endsWith("-ml-p6e-gb200-36xlarge-20261122-090807"), name);
        BenchRequests.variants(parse(request("a".repeat(63))), List.of("ml.p6e-gb200.36xlarge"), AT); // valid
    }

    @Test
    void typesAreParsedTrimmedAndDeduplicated() {
        assertEquals(List.of("ml.c5.xlarge", "ml.g5.xlarge"), BenchRequests.parseTypes(" ml.c5.xlarge,ml.g5.xlarge,,ml.c5.xlarge "));
        assertThrows(ValidationException.class, () -> BenchRequests.parseTypes(" , "));
    }

    @Test
    void unknownTypesAndInstanceGroupsAreRejected() {
        ValidationException e = assertThrows(ValidationException.class,
                () -> BenchRequests.variants(parse(request("x")), List.of("ml.c5.xlarge", "ml.x9.tiny", "gpu"), AT));
        assertEquals("Unknown instance types in --instance-types: ml.x9.tiny, gpu (kiln profiles lists every type)", e.getMessage());

        ObjectNode groups = request("x");
        ObjectNode rc = (ObjectNode) groups.get("ResourceConfig");
        rc.remove("InstanceType");
        rc.remove("InstanceCount");
        rc.putArray("InstanceGroups").addObject().put("InstanceType", "ml.m5.large").put("InstanceCount", 1)
                .put("InstanceGroupName", "g");
        assertThrows(ValidationException.class, () -> BenchRequests.variants(parse(groups), List.of("ml.c5.xlarge"), AT));
    }
}
