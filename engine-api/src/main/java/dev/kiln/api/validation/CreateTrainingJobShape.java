package dev.kiln.api.validation;

import static dev.kiln.api.validation.Constraints.at;
import static dev.kiln.api.validation.Constraints.member;

import dev.kiln.api.common.Tag;
import dev.kiln.api.training.AlgorithmSpecification;
import dev.kiln.api.training.CheckpointConfig;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.MetricDefinition;
import dev.kiln.api.training.OutputDataConfig;
import dev.kiln.api.training.RetryStrategy;
import dev.kiln.api.training.StoppingCondition;
import dev.kiln.api.training.TrainingImageConfig;
import java.util.List;

/**
 * The shape constraints of CreateTrainingJobRequest's top-level members, from botocore's model and
 * the CreateTrainingJob reference (seed 001). Channels, resources and the auxiliary configurations
 * have their own classes.
 */
final class CreateTrainingJobShape {
    private CreateTrainingJobShape() {}

    static void check(Constraints c, CreateTrainingJobRequest r) {
        c.requiredString("trainingJobName", r.trainingJobName(), Shapes.TRAINING_JOB_NAME);
        c.map("hyperParameters", r.hyperParameters(), 0, 100, Shapes.HYPER_PARAMETER_KEY, Shapes.HYPER_PARAMETER_VALUE);
        // The model made AlgorithmSpecification, ResourceConfig and StoppingCondition optional for
        // serverless jobs, which Kiln cannot run; the CreateTrainingJob reference requires them.
        if (c.required("algorithmSpecification", r.algorithmSpecification())) {
            algorithmSpecification(c, "algorithmSpecification", r.algorithmSpecification());
        }
        c.requiredString("roleArn", r.roleArn(), Shapes.ROLE_ARN);
        ChannelShape.inputDataConfig(c, "inputDataConfig", r.inputDataConfig());
        if (c.required("outputDataConfig", r.outputDataConfig())) {
            outputDataConfig(c, "outputDataConfig", r.outputDataConfig());
        }
        if (c.required("resourceConfig", r.resourceConfig())) {
            ResourceShape.resourceConfig(c, "resourceConfig", r.resourceConfig());
        }
        ResourceShape.vpcConfig(c, "vpcConfig", r.vpcConfig());
        if (c.required("stoppingCondition", r.stoppingCondition())) {
            stoppingCondition(c, "stoppingCondition", r.stoppingCondition());
        }
        tags(c, "tags", r.tags());
        checkpointConfig(c, "checkpointConfig", r.checkpointConfig());
        AuxiliaryShapes.check(c, r);
        c.map("environment", r.environment(), 0, 100,
                Shapes.TRAINING_ENVIRONMENT_KEY, Shapes.TRAINING_ENVIRONMENT_VALUE);
        retryStrategy(c, "retryStrategy", r.retryStrategy());
    }

    static void algorithmSpecification(Constraints c, String path, AlgorithmSpecification a) {
        c.string(at(path, "trainingImage"), a.trainingImage(), Shapes.ALGORITHM_IMAGE);
        c.string(at(path, "algorithmName"), a.algorithmName(), Shapes.ALGORITHM_NAME);
        c.requiredString(at(path, "trainingInputMode"), a.trainingInputMode(), Shapes.TRAINING_INPUT_MODE);
        metricDefinitions(c, at(path, "metricDefinitions"), a.metricDefinitions(), 40);
        c.stringList(at(path, "containerEntrypoint"), a.containerEntrypoint(), 1, 100, Shapes.CONTAINER_ARGUMENT);
        c.stringList(at(path, "containerArguments"), a.containerArguments(), 1, 100, Shapes.CONTAINER_ARGUMENT);
        trainingImageConfig(c, at(path, "trainingImageConfig"), a.trainingImageConfig());
    }

    /** MetricDefinitionList; the tuning-job validator reuses it with its own limit. */
    static void metricDefinitions(Constraints c, String path, List<MetricDefinition> list, int max) {
        if (!c.list(path, list, 0, max)) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            String p = member(path, i);
            MetricDefinition m = list.get(i);
            if (c.required(p, m)) {
                c.requiredString(at(p, "name"), m.name(), Shapes.METRIC_NAME);
                c.requiredString(at(p, "regex"), m.regex(), Shapes.METRIC_REGEX);
            }
        }
    }

    private static void trainingImageConfig(Constraints c, String path, TrainingImageConfig t) {
        if (t == null) {
            return;
        }
        c.requiredString(at(path, "trainingRepositoryAccessMode"), t.trainingRepositoryAccessMode(),
                Shapes.TRAINING_REPOSITORY_ACCESS_MODE);
        if (t.trainingRepositoryAuthConfig() != null) {
            String p = at(path, "trainingRepositoryAuthConfig");
            c.requiredString(at(p, "trainingRepositoryCredentialsProviderArn"),
                    t.trainingRepositoryAuthConfig().trainingRepositoryCredentialsProviderArn(),
                    Shapes.TRAINING_REPOSITORY_CREDENTIALS_PROVIDER_ARN);
        }
    }

    static void outputDataConfig(Constraints c, String path, OutputDataConfig o) {
        c.string(at(path, "kmsKeyId"), o.kmsKeyId(), Shapes.KMS_KEY_ID);
        c.requiredString(at(path, "s3OutputPath"), o.s3OutputPath(), Shapes.S3_URI);
        c.string(at(path, "compressionType"), o.compressionType(), Shapes.OUTPUT_COMPRESSION_TYPE);
    }

    static void stoppingCondition(Constraints c, String path, StoppingCondition s) {
        // The model sets no maximum; the reference documents 28 days and the service enforces it.
        c.number(at(path, "maxRuntimeInSeconds"), s.maxRuntimeInSeconds(), 1L, Shapes.TWENTY_EIGHT_DAYS);
        c.number(at(path, "maxWaitTimeInSeconds"), s.maxWaitTimeInSeconds(), 1L, null);
        c.number(at(path, "maxPendingTimeInSeconds"), s.maxPendingTimeInSeconds(), 7200L, Shapes.TWENTY_EIGHT_DAYS);
    }

    static void tags(Constraints c, String path, List<Tag> tags) {
        if (!c.list(path, tags, 0, 50)) {
            return;
        }
        for (int i = 0; i < tags.size(); i++) {
            String p = member(path, i);
            Tag t = tags.get(i);
            if (c.required(p, t)) {
                c.requiredString(at(p, "key"), t.key(), Shapes.TAG_KEY);
                c.requiredString(at(p, "value"), t.value(), Shapes.TAG_VALUE);
            }
        }
    }

    private static void checkpointConfig(Constraints c, String path, CheckpointConfig k) {
        if (k == null) {
            return;
        }
        c.requiredString(at(path, "s3Uri"), k.s3Uri(), Shapes.S3_URI);
        c.string(at(path, "localPath"), k.localPath(), Shapes.DIRECTORY_PATH);
    }

    private static void retryStrategy(Constraints c, String path, RetryStrategy s) {
        if (s != null) {
            c.requiredNumber(at(path, "maximumRetryAttempts"), s.maximumRetryAttempts(), 1L, 30L);
        }
    }
}
