package dev.kiln.api.validation;

import static dev.kiln.api.validation.RequestJson.remove;
import static dev.kiln.api.validation.RequestJson.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.error.KilnApiException;
import dev.kiln.api.json.Json;
import dev.kiln.api.training.CreateTrainingJobRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad CreateTrainingJob requests, one per row: a mutation of the fully filled valid request (or a
 * raw JSON body), the error code Kiln must answer with, and a piece of the message.
 */
class CreateTrainingJobValidationTableTest {

    private static final String VE = "ValidationException";

    /** One bad request. {@code json} is a raw body; otherwise {@code edit} mutates the valid request. */
    record Row(String name, String json, Consumer<ObjectNode> edit, String code, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row edit(String name, Consumer<ObjectNode> edit, String message) {
        return new Row(name, null, edit, VE, message);
    }

    static Row raw(String name, String json, String message) {
        return new Row(name, json, null, VE, message);
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    static ObjectNode copy(JsonNode n) {
        return (ObjectNode) n.deepCopy();
    }

    static Map<String, String> entries(int n, String prefix) {
        Map<String, String> m = new LinkedHashMap<>();
        IntStream.range(0, n).forEach(i -> m.put(prefix + i, "v"));
        return m;
    }

    static Stream<Row> rows() {
        String channel0 = "InputDataConfig[0]";
        String s3 = channel0 + ".DataSource.S3DataSource";
        String validationS3 = "InputDataConfig[1].DataSource.S3DataSource";
        return Stream.of(
                edit("name with a space", t -> set(t, "TrainingJobName", "bad name!"),
                        "1 validation error detected: Value 'bad name!' at 'trainingJobName' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"),
                edit("name of 64 characters breaks length and pattern", t -> set(t, "TrainingJobName", repeat('a', 64)),
                        "2 validation errors detected: Value '" + repeat('a', 64) + "' at 'trainingJobName' failed to satisfy "
                                + "constraint: Member must have length less than or equal to 63; "),
                edit("empty name", t -> set(t, "TrainingJobName", ""),
                        "at 'trainingJobName' failed to satisfy constraint: Member must have length greater than or equal to 1"),
                edit("no AlgorithmSpecification", t -> remove(t, "AlgorithmSpecification"),
                        "1 validation error detected: Value null at 'algorithmSpecification' failed to satisfy constraint: "
                                + "Member must not be null"),
                edit("no RoleArn", t -> remove(t, "RoleArn"), "Value null at 'roleArn' failed to satisfy constraint: Member must not be null"),
                edit("RoleArn of a user", t -> set(t, "RoleArn", "arn:aws:iam::123456789012:user/alice"),
                        "Value 'arn:aws:iam::123456789012:user/alice' at 'roleArn' failed to satisfy constraint: Member must "
                                + "satisfy regular expression pattern: ^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$"),
                edit("unknown TrainingInputMode", t -> set(t, "AlgorithmSpecification.TrainingInputMode", "Stream"),
                        "Value 'Stream' at 'algorithmSpecification.trainingInputMode' failed to satisfy constraint: "
                                + "Member must satisfy enum value set: [File, Pipe, FastFile]"),
                edit("unknown channel InputMode", t -> set(t, "InputDataConfig[1].InputMode", "Streaming"),
                        "at 'inputDataConfig.2.member.inputMode' failed to satisfy constraint: Member must satisfy enum value set"),
                edit("channel name with a space", t -> set(t, channel0 + ".ChannelName", "my train"),
                        "Value 'my train' at 'inputDataConfig.1.member.channelName' failed to satisfy constraint: "
                                + "Member must satisfy regular expression pattern: [A-Za-z0-9\\.\\-_]+"),
                edit("channel name of 65 characters", t -> set(t, channel0 + ".ChannelName", repeat('c', 65)),
                        "at 'inputDataConfig.1.member.channelName' failed to satisfy constraint: Member must have length less than or equal to 64"),
                edit("21 channels", t -> {
                    ArrayNode list = (ArrayNode) t.get("InputDataConfig");
                    for (int i = 0; i < 18; i++) {
                        list.add(copy(list.get(2)).put("ChannelName", "extra" + i));
                    }
                }, "Value at 'inputDataConfig' failed to satisfy constraint: Member must have length less than or equal to 20"),
                edit("duplicate channel names", t -> set(t, "InputDataConfig[1].ChannelName", "train"),
                        "Duplicate ChannelName 'train' in InputDataConfig"),
                edit("101 hyperparameters", t -> set(t, "HyperParameters", entries(101, "hp")),
                        "Value at 'hyperParameters' failed to satisfy constraint: Member must have length less than or equal to 100"),
                edit("hyperparameter value of 2501 characters", t -> set(t, "HyperParameters.eta", repeat('9', 2501)),
                        "Value at 'hyperParameters' failed to satisfy constraint: Map value must satisfy constraint: "
                                + "[Member must have length less than or equal to 2500, Member must have length greater than or "
                                + "equal to 0, Member must satisfy regular expression pattern: .*]"),
                edit("hyperparameter key of 257 characters", t -> ((ObjectNode) t.get("HyperParameters")).put(repeat('k', 257), "1"),
                        "Value at 'hyperParameters' failed to satisfy constraint: Map keys must satisfy constraint: "
                                + "[Member must have length less than or equal to 256"),
                edit("41 metric definitions", t -> {
                    ArrayNode metrics = (ArrayNode) t.get("AlgorithmSpecification").get("MetricDefinitions");
                    for (int i = 0; i < 39; i++) {
                        metrics.add(copy(metrics.get(0)).put("Name", "m" + i));
                    }
                }, "at 'algorithmSpecification.metricDefinitions' failed to satisfy constraint: Member must have length less than or equal to 40"),
                edit("metric regex that does not compile", t -> set(t, "AlgorithmSpecification.MetricDefinitions[0].Regex", "auc:([0-9"),
                        "Invalid regular expression for metric 'validation:auc' at "
                                + "'algorithmSpecification.metricDefinitions.1.member.regex'"),
                edit("empty metric name", t -> set(t, "AlgorithmSpecification.MetricDefinitions[1].Name", ""),
                        "Value '' at 'algorithmSpecification.metricDefinitions.2.member.name' failed to satisfy constraint: "
                                + "Member must have length greater than or equal to 1"),
                edit("metric regex of 501 characters", t -> set(t, "AlgorithmSpecification.MetricDefinitions[0].Regex", repeat('x', 501)),
                        "at 'algorithmSpecification.metricDefinitions.1.member.regex' failed to satisfy constraint: "
                                + "Member must have length less than or equal to 500"),
                edit("environment key starting with a digit", t -> ((ObjectNode) t.get("Environment")).put("1BAD", "x"),
                        "Value at 'environment' failed to satisfy constraint: Map keys must satisfy constraint: [Member must "
                                + "have length less than or equal to 512, Member must have length greater than or equal to 0, "
                                + "Member must satisfy regular expression pattern: [a-zA-Z_][a-zA-Z0-9_]*]"),
                edit("environment value of 513 characters", t -> set(t, "Environment.LOG_LEVEL", repeat('v', 513)),
                        "Value at 'environment' failed to satisfy constraint: Map value must satisfy constraint: "
                                + "[Member must have length less than or equal to 512"),
                edit("101 environment variables", t -> set(t, "Environment", entries(101, "VAR_")),
                        "Value at 'environment' failed to satisfy constraint: Member must have length less than or equal to 100"),
                edit("MaxRuntimeInSeconds 0", t -> set(t, "StoppingCondition.MaxRuntimeInSeconds", 0),
                        "Value '0' at 'stoppingCondition.maxRuntimeInSeconds' failed to satisfy constraint: "
                                + "Member must have value greater than or equal to 1"),
                edit("MaxRuntimeInSeconds beyond 28 days", t -> set(t, "StoppingCondition.MaxRuntimeInSeconds", 2_419_201),
                        "Value '2419201' at 'stoppingCondition.maxRuntimeInSeconds' failed to satisfy constraint: "
                                + "Member must have value less than or equal to 2419200"),
                edit("MaxPendingTimeInSeconds under two hours", t -> set(t, "StoppingCondition.MaxPendingTimeInSeconds", 60),
                        "at 'stoppingCondition.maxPendingTimeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 7200"),
                edit("spot training without MaxWaitTimeInSeconds", t -> remove(t, "StoppingCondition.MaxWaitTimeInSeconds"),
                        "Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to MaxRuntimeInSeconds"),
                edit("spot training waiting less than it runs", t -> set(t, "StoppingCondition.MaxWaitTimeInSeconds", 1800),
                        "Invalid MaxWaitTimeInSeconds. It must be present and be greater than or equal to MaxRuntimeInSeconds"),
                edit("both TrainingImage and AlgorithmName", t -> set(t, "AlgorithmSpecification.AlgorithmName", "xgboost"),
                        "Exactly one of AlgorithmSpecification.TrainingImage and AlgorithmSpecification.AlgorithmName must be "
                                + "specified; the request has both."),
                edit("neither TrainingImage nor AlgorithmName", t -> remove(t, "AlgorithmSpecification.TrainingImage"),
                        "the request has neither."),
                edit("TrainingImage that is neither a path nor an image", t -> set(t, "AlgorithmSpecification.TrainingImage", "My Image:latest"),
                        "Invalid TrainingImage 'My Image:latest'"),
                edit("http S3Uri", t -> set(t, s3 + ".S3Uri", "http://kiln-data/train"),
                        "Value 'http://kiln-data/train' at 'inputDataConfig.1.member.dataSource.s3DataSource.s3Uri' failed to "
                                + "satisfy constraint: Member must satisfy regular expression pattern: ^(https|s3)://([^/]+)/?(.*)$"),
                edit("S3OutputPath as a bare path", t -> set(t, "OutputDataConfig.S3OutputPath", "/tmp/out"),
                        "Value '/tmp/out' at 'outputDataConfig.s3OutputPath' failed to satisfy constraint: Member must satisfy regular expression pattern"),
                edit("lower-case output CompressionType", t -> set(t, "OutputDataConfig.CompressionType", "gzip"),
                        "at 'outputDataConfig.compressionType' failed to satisfy constraint: Member must satisfy enum value set: [GZIP, NONE]"),
                edit("51 tags", t -> {
                    ArrayNode tags = (ArrayNode) t.get("Tags");
                    for (int i = 0; i < 49; i++) {
                        tags.add(copy(tags.get(0)).put("Key", "k" + i));
                    }
                }, "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50"),
                edit("tag key with '#'", t -> set(t, "Tags[1].Key", "cost#center"),
                        "Value 'cost#center' at 'tags.2.member.key' failed to satisfy constraint: Member must satisfy regular "
                                + "expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$"),
                edit("tag value of 257 characters", t -> set(t, "Tags[0].Value", repeat('v', 257)),
                        "at 'tags.1.member.value' failed to satisfy constraint: Member must have length less than or equal to 256"),
                edit("duplicate tag keys", t -> set(t, "Tags[1].Key", "project"), "Duplicate tag key 'project'"),
                edit("InstanceCount 0", t -> set(t, "ResourceConfig.InstanceCount", 0),
                        "Value '0' at 'resourceConfig.instanceCount' failed to satisfy constraint: Member must have value greater than or equal to 1"),
                edit("VolumeSizeInGB 0", t -> set(t, "ResourceConfig.VolumeSizeInGB", 0),
                        "Value '0' at 'resourceConfig.volumeSizeInGB' failed to satisfy constraint: Member must have value greater than or equal to 1"),
                edit("unknown instance type", t -> set(t, "ResourceConfig.InstanceType", "ml.fake.xlarge"),
                        "Value 'ml.fake.xlarge' at 'resourceConfig.instanceType' failed to satisfy constraint: Member must satisfy enum value set: [ml.m4.xlarge,"),
                edit("KeepAlivePeriodInSeconds over six hours", t -> set(t, "ResourceConfig.KeepAlivePeriodInSeconds", 21601),
                        "at 'resourceConfig.keepAlivePeriodInSeconds' failed to satisfy constraint: Member must have value less than or equal to 21600"),
                edit("InstanceGroups together with InstanceType", t -> set(t, "ResourceConfig.InstanceGroups",
                                List.of(Map.of("InstanceType", "ml.c5.xlarge", "InstanceCount", 1, "InstanceGroupName", "cpu"))),
                        "ResourceConfig.InstanceGroups cannot be combined with ResourceConfig.InstanceType or ResourceConfig.InstanceCount"),
                edit("ShuffleConfig on a file-system channel", t -> set(t, "InputDataConfig[1].DataSource",
                                Map.of("FileSystemDataSource", Map.of("FileSystemId", "fs-0123456789abcdef0",
                                        "FileSystemAccessMode", "ro", "FileSystemType", "EFS", "DirectoryPath", "/data"))),
                        "ShuffleConfig of channel 'validation' is supported only for an S3DataSource"),
                edit("AttributeNames on an S3 prefix", t -> {
                    remove(t, "InputDataConfig[1].ShuffleConfig");
                    set(t, validationS3 + ".AttributeNames", List.of("label"));
                }, "AttributeNames of channel 'validation' can be set only when S3DataType is AugmentedManifestFile"),
                edit("augmented manifest in FastFile mode", t -> set(t, channel0 + ".InputMode", "FastFile"),
                        "Channel 'train': AugmentedManifestFile is not supported with the FastFile input mode"),
                edit("channel CompressionType Zip", t -> set(t, channel0 + ".CompressionType", "Zip"),
                        "at 'inputDataConfig.1.member.compressionType' failed to satisfy constraint: Member must satisfy enum value set: [None, Gzip]"),
                edit("RecordWrapperType Protobuf", t -> set(t, channel0 + ".RecordWrapperType", "Protobuf"),
                        "at 'inputDataConfig.1.member.recordWrapperType' failed to satisfy constraint: Member must satisfy enum value set: [None, RecordIO]"),
                edit("DatasetSource channel", t -> set(t, "InputDataConfig[2].DataSource",
                                Map.of("DatasetSource", Map.of("DatasetArn",
                                        "arn:aws:sagemaker:us-west-2:123456789012:hub-content/my-hub/DataSet/churn/1.0.0"))),
                        "DatasetSource is not available locally: 'inputDataConfig.3.member.dataSource.datasetSource' (channel 'embeddings_v1.2')"),
                edit("DataSource with no source", t -> set(t, "InputDataConfig[2].DataSource", Map.of()),
                        "DataSource of channel 'embeddings_v1.2' must specify exactly one of S3DataSource, FileSystemDataSource and DatasetSource"),
                edit("short FileSystemId", t -> set(t, "InputDataConfig[2].DataSource.FileSystemDataSource.FileSystemId", "fs-1"),
                        "2 validation errors detected: Value 'fs-1' at 'inputDataConfig.3.member.dataSource.fileSystemDataSource.fileSystemId'"),
                edit("empty subnet list", t -> set(t, "VpcConfig.Subnets", List.of()),
                        "Value '[]' at 'vpcConfig.subnets' failed to satisfy constraint: Member must have length greater than or equal to 1"),
                edit("RetryStrategy with no attempts", t -> set(t, "RetryStrategy.MaximumRetryAttempts", 0),
                        "at 'retryStrategy.maximumRetryAttempts' failed to satisfy constraint: Member must have value greater than or equal to 1"),
                edit("profiler rule on a training-only type", t -> set(t, "ProfilerRuleConfigurations[0].InstanceType", "ml.p5.48xlarge"),
                        "Value 'ml.p5.48xlarge' at 'profilerRuleConfigurations.1.member.instanceType' failed to satisfy constraint: Member must satisfy enum value set"),
                edit("experiment name with an underscore", t -> set(t, "ExperimentConfig.ExperimentName", "churn_v2"),
                        "at 'experimentConfig.experimentName' failed to satisfy constraint: Member must satisfy regular expression pattern"),
                edit("checkpoint without S3Uri", t -> remove(t, "CheckpointConfig.S3Uri"),
                        "Value null at 'checkpointConfig.s3Uri' failed to satisfy constraint: Member must not be null"),
                edit("AWS access key id in a hyperparameter", t -> set(t, "HyperParameters.aws_key", "AKIAIOSFODNN7EXAMPLE"),
                        "The HyperParameters entry 'aws_key' appears to contain an AWS access key ID"),
                edit("private key in the environment", t -> set(t, "Environment.TLS_KEY",
                                "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----"),
                        "The Environment entry 'TLS_KEY' appears to contain a private key"),
                edit("two shape errors are counted together", t -> {
                    set(t, "TrainingJobName", "bad_name");
                    remove(t, "RoleArn");
                }, "2 validation errors detected: Value 'bad_name' at 'trainingJobName' failed to satisfy constraint: Member must "
                        + "satisfy regular expression pattern: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}; Value null at 'roleArn' failed to "
                        + "satisfy constraint: Member must not be null"),
                edit("three shape errors in nested members", t -> {
                    set(t, "ResourceConfig.InstanceCount", 0);
                    set(t, "StoppingCondition.MaxRuntimeInSeconds", 0);
                    set(t, channel0 + ".ChannelName", "a b");
                }, "3 validation errors detected: Value 'a b' at 'inputDataConfig.1.member.channelName'"),
                edit("empty channel name breaks two constraints", t -> set(t, channel0 + ".ChannelName", ""),
                        "2 validation errors detected: Value '' at 'inputDataConfig.1.member.channelName' failed to satisfy "
                                + "constraint: Member must have length greater than or equal to 1; Value '' at "
                                + "'inputDataConfig.1.member.channelName' failed to satisfy constraint: Member must satisfy "
                                + "regular expression pattern: [A-Za-z0-9\\.\\-_]+"),
                raw("empty body", "{}", "6 validation errors detected: Value null at 'trainingJobName' failed to satisfy constraint: "
                        + "Member must not be null; Value null at 'algorithmSpecification'"),
                raw("ResourceConfig without type or count", "{\"TrainingJobName\":\"j\",\"RoleArn\":\"arn:aws:iam::123456789012:role/r\","
                        + "\"AlgorithmSpecification\":{\"TrainingImage\":\"./train\",\"TrainingInputMode\":\"File\"},"
                        + "\"OutputDataConfig\":{\"S3OutputPath\":\"file:///tmp/out\"},\"ResourceConfig\":{\"VolumeSizeInGB\":1},"
                        + "\"StoppingCondition\":{}}",
                        "2 validation errors detected: Value null at 'resourceConfig.instanceType' failed to satisfy constraint: "
                                + "Member must not be null; Value null at 'resourceConfig.instanceCount'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badRequestIsRejected(Row row) throws Exception {
        CreateTrainingJobRequest request = row.json() != null
                ? Json.read(row.json(), CreateTrainingJobRequest.class)
                : RequestJson.validWith(row.edit());
        KilnApiException e = assertThrows(KilnApiException.class, () -> TrainingJobValidator.validateCreate(request));
        assertEquals(row.code(), e.errorCode());
        assertTrue(e.getMessage().contains(row.message()),
                () -> "expected to contain:\n  " + row.message() + "\nbut was:\n  " + e.getMessage());
    }

    @Test
    void tableHasAtLeastThirtyRows() {
        assertTrue(rows().count() >= 30);
    }
}
