package dev.kiln.api.validation;

import static dev.kiln.api.validation.StringShape.UNBOUNDED;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * String shapes of SageMaker's service model (botocore {@code sagemaker/2017-07-24}), named as
 * there. Patterns are displayed the way the API reference prints them. Where Kiln deliberately
 * differs from the service the constant says so.
 */
public final class Shapes {
    private Shapes() {}

    public static final StringShape TRAINING_JOB_NAME =
            StringShape.pattern(1, 63, "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}", "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}");

    /**
     * The service's S3Uri, widened: Kiln also takes {@code file:///absolute/path} (or
     * {@code file://localhost/...}) and relative {@code file:dir/} URIs (resolved against the request
     * file's directory) wherever an S3 URI is taken.
     */
    public static final StringShape S3_URI = StringShape.pattern(0, 1024,
            "(https|s3)://([^/]+)/?(.*)|file://(localhost)?/(.*)|file:/[^/].*|file:[^/].*",
            "^(https|s3)://([^/]+)/?(.*)$|^file://(localhost)?/(.*)$|^file:/[^/].*$|^file:[^/].*$");

    public static final StringShape ROLE_ARN = StringShape.pattern(20, 2048,
            "arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+",
            "^arn:aws[a-z\\-]*:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$");

    public static final StringShape HYPER_PARAMETER_KEY = StringShape.pattern(0, 256, ".*");
    public static final StringShape HYPER_PARAMETER_VALUE = StringShape.pattern(0, 2500, ".*");

    /** AlgorithmImage: TrainingImage and RuleEvaluatorImage. */
    public static final StringShape ALGORITHM_IMAGE = StringShape.pattern(0, 255, ".*");

    /** ArnOrName: AlgorithmName (a name or an algorithm ARN). */
    public static final StringShape ALGORITHM_NAME = StringShape.pattern(1, 170,
            "(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:[a-z\\-]*\\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)",
            "^(arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:[a-z\\-]*\\/)?([a-zA-Z0-9]([a-zA-Z0-9-]){0,62})(?<!-)$");

    /** Listed as in the service's messages, which differ from the model's order. */
    public static final StringShape TRAINING_INPUT_MODE = StringShape.oneOf("File", "Pipe", "FastFile");

    public static final StringShape METRIC_NAME = StringShape.pattern(1, 255, ".+");
    public static final StringShape METRIC_REGEX = StringShape.pattern(1, 500, ".+");

    /** Members of ContainerEntrypoint and ContainerArguments. */
    public static final StringShape CONTAINER_ARGUMENT = StringShape.pattern(0, 256, ".*");

    public static final StringShape TRAINING_REPOSITORY_ACCESS_MODE = StringShape.oneOf("Platform", "Vpc");
    public static final StringShape TRAINING_REPOSITORY_CREDENTIALS_PROVIDER_ARN = StringShape.pattern(1, 2048,
            "arn:[\\p{Alnum}\\-]+:lambda:[\\p{Alnum}\\-]+:[0-9]{12}:function:.*");

    public static final StringShape CHANNEL_NAME = StringShape.pattern(1, 64, "[A-Za-z0-9\\.\\-_]+");
    public static final StringShape S3_DATA_TYPE =
            StringShape.oneOf("ManifestFile", "S3Prefix", "AugmentedManifestFile", "Converse");
    public static final StringShape S3_DATA_DISTRIBUTION = StringShape.oneOf("FullyReplicated", "ShardedByS3Key");
    public static final StringShape ATTRIBUTE_NAME = StringShape.pattern(1, 256, ".+");
    public static final StringShape INSTANCE_GROUP_NAME = StringShape.pattern(1, 64, ".+");
    public static final StringShape HUB_CONTENT_ARN = StringShape.pattern(0, 255, ".*");
    public static final StringShape FILE_SYSTEM_ID = StringShape.pattern(11, 21, "(fs-[0-9a-f]{8,})", "^(fs-[0-9a-f]{8,})$");
    public static final StringShape FILE_SYSTEM_ACCESS_MODE = StringShape.oneOf("rw", "ro");
    public static final StringShape FILE_SYSTEM_TYPE = StringShape.oneOf("EFS", "FSxLustre");
    public static final StringShape DIRECTORY_PATH = StringShape.pattern(0, 4096, ".*");
    public static final StringShape HUB_DATA_SET_ARN = StringShape.pattern(0, 2048,
            "(arn:[a-z0-9-\\.]{1,63}:sagemaker:\\w+(?:-\\w+)+:(\\d{12}|aws):hub-content\\/)[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
                    + "\\/DataSet\\/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}(\\/\\d{1,4}.\\d{1,4}.\\d{1,4})?");
    public static final StringShape CONTENT_TYPE = StringShape.pattern(0, 256, ".*");
    public static final StringShape COMPRESSION_TYPE = StringShape.oneOf("None", "Gzip");
    public static final StringShape RECORD_WRAPPER = StringShape.oneOf("None", "RecordIO");

    public static final StringShape KMS_KEY_ID = StringShape.pattern(0, 2048, "[a-zA-Z0-9:/_-]*", "^[a-zA-Z0-9:/_-]*$");
    public static final StringShape OUTPUT_COMPRESSION_TYPE = StringShape.oneOf("GZIP", "NONE");

    public static final StringShape TRAINING_INSTANCE_TYPE = StringShape.oneOf(enumResource("training-instance-types.txt"));
    public static final StringShape PROCESSING_INSTANCE_TYPE =
            StringShape.oneOf(enumResource("processing-instance-types.txt"));
    public static final StringShape TRAINING_PLAN_ARN = StringShape.pattern(50, 2048,
            "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:training-plan/.*");
    public static final StringShape STRING_256 = StringShape.length(0, 256);

    /** SecurityGroupId and SubnetId. */
    public static final StringShape VPC_ID = StringShape.pattern(0, 32, "[-0-9a-zA-Z]+");

    public static final StringShape TAG_KEY =
            StringShape.pattern(1, 128, "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)", "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");
    public static final StringShape TAG_VALUE =
            StringShape.pattern(0, 256, "([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)", "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$");

    /** ConfigKey and ConfigValue: Debugger and Profiler parameter maps. */
    public static final StringShape CONFIG_KEY = StringShape.pattern(1, 256, ".*");
    public static final StringShape CONFIG_VALUE = StringShape.pattern(0, 256, ".*");
    public static final StringShape COLLECTION_NAME = StringShape.pattern(1, 256, ".*");
    public static final StringShape RULE_CONFIGURATION_NAME = StringShape.pattern(1, 256, ".*");

    public static final StringShape EXPERIMENT_ENTITY_NAME = StringShape.pattern(1, 120,
            "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}", "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,119}");

    public static final StringShape TRAINING_ENVIRONMENT_KEY = StringShape.pattern(0, 512, "[a-zA-Z_][a-zA-Z0-9_]*");
    public static final StringShape TRAINING_ENVIRONMENT_VALUE = StringShape.pattern(0, 512, "[\\S\\s]*");

    public static final StringShape SERVERLESS_JOB_BASE_MODEL_ARN = StringShape.pattern(1, 2048,
            "(arn:[a-z0-9-\\.]{1,63}:sagemaker:\\w+(?:-\\w+)+:(\\d{12}|aws):hub-content\\/)[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
                    + "\\/Model\\/[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}(\\/\\d{1,4}.\\d{1,4}.\\d{1,4})?");
    public static final StringShape SERVERLESS_JOB_TYPE = StringShape.oneOf("FineTuning", "Evaluation");
    public static final StringShape CUSTOMIZATION_TECHNIQUE = StringShape.oneOf("SFT", "DPO", "RLVR", "RLAIF");
    public static final StringShape PEFT = StringShape.oneOf("LORA");
    public static final StringShape EVALUATION_TYPE =
            StringShape.oneOf("LLMAJEvaluation", "CustomScorerEvaluation", "BenchmarkEvaluation");
    public static final StringShape EVALUATOR_ARN = StringShape.pattern(UNBOUNDED, UNBOUNDED, ".*");

    public static final StringShape MLFLOW_RESOURCE_ARN = StringShape.pattern(0, 2048,
            "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]*:[0-9]{12}:mlflow-[a-zA-Z-]*/.*");
    public static final StringShape MLFLOW_NAME = StringShape.pattern(1, 256, ".*");
    public static final StringShape MODEL_PACKAGE_GROUP_ARN = StringShape.pattern(1, 2048,
            "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]{9,16}:[0-9]{12}:model-package-group/[\\S]{1,2048}");
    public static final StringShape MODEL_PACKAGE_ARN = StringShape.pattern(1, 2048,
            "arn:aws[a-z\\-]*:sagemaker:[a-z0-9\\-]{9,16}:[0-9]{12}:model-package/[\\S]{1,2048}");

    // ListTrainingJobs
    public static final StringShape NEXT_TOKEN = StringShape.pattern(0, 8192, ".*");
    public static final StringShape NAME_CONTAINS = StringShape.pattern(0, 63, "[a-zA-Z0-9\\-]+");
    public static final StringShape TRAINING_JOB_STATUS =
            StringShape.oneOf("InProgress", "Completed", "Failed", "Stopping", "Stopped", "Deleting");
    public static final StringShape SORT_BY = StringShape.oneOf("Name", "CreationTime", "Status");
    public static final StringShape SORT_ORDER = StringShape.oneOf("Ascending", "Descending");
    public static final StringShape WARM_POOL_RESOURCE_STATUS =
            StringShape.oneOf("Available", "Terminated", "Reused", "InUse");

    /** Seconds in 28 days: the service's documented ceiling for MaxRuntimeInSeconds and MaxPendingTimeInSeconds. */
    public static final long TWENTY_EIGHT_DAYS = 2_419_200L;

    private static List<String> enumResource(String name) {
        InputStream in = Shapes.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing resource " + name);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
