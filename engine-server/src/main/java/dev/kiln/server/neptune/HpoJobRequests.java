package dev.kiln.server.neptune;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.json.Json;
import dev.kiln.api.neptune.StartMLModelTrainingJobRequest;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.runtime.config.KilnConfig;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The SageMaker tuning job that is a model-training job's HPO step: the model's built-in algorithm (or a
 * custom model's launcher) on the channels {@link TrainingInputs} chose, with the model's objective, the
 * ranges of its HPO configuration and the request's budget, instance, timeout, spot, KMS and VPC settings.
 */
final class HpoJobRequests {
    private HpoJobRequests() {}

    /** A tuning-job name (at most 32 characters) derived from the model-training id, which may be a 36-character UUID. */
    static String tuningJobName(String modelTrainingId) {
        long h = 0xcbf29ce484222325L;
        for (byte b : modelTrainingId.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return "neptune-ml-" + String.format(Locale.ROOT, "%016x", h);
    }

    /** What each trial runs: a built-in algorithm, or a custom model's launcher, with the metric the tuning job optimises. */
    record Trainer(String algorithmName, java.nio.file.Path launcher, String metric, boolean maximise) {
        static Trainer builtIn(String model) {
            return new Trainer(model, null, "validation:mrr", true);
        }
    }

    /**
     * What each trial reads and the hyperparameters the tuning job may not vary.
     *
     * @param channels channel name to S3 prefix (a folder, or one object such as a model.tar.gz), in order
     * @param fixed    static hyperparameters that win over the HPO plan, taking a tuned one out of the search
     *                 (an rgcn {@code task}, an incremental job's {@code num-hidden})
     */
    record Inputs(Map<String, String> channels, Map<String, String> fixed) {
        Inputs {
            channels = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(channels));
            fixed = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fixed));
        }
    }

    static CreateHyperParameterTuningJobRequest build(StartMLModelTrainingJobRequest r, Trainer trainer, Inputs inputs,
            HpoConfiguration.Plan plan, int volumeSizeInGB, String parentTuningJob, KilnConfig config) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("HyperParameterTuningJobName", tuningJobName(r.id()));
        ObjectNode tuning = root.putObject("HyperParameterTuningJobConfig");
        tuning.put("Strategy", "Bayesian");
        tuning.putObject("HyperParameterTuningJobObjective").put("Type", trainer.maximise() ? "Maximize" : "Minimize")
                .put("MetricName", trainer.metric());
        tuning.putObject("ResourceLimits").put("MaxNumberOfTrainingJobs", r.maxHPONumberOfTrainingJobs())
                .put("MaxParallelTrainingJobs", r.maxHPOParallelTrainingJobs());
        ObjectNode ranges = plan.parameterRanges().deepCopy();
        for (Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = ranges.fields(); it.hasNext();) {
            com.fasterxml.jackson.databind.JsonNode kind = it.next().getValue();
            for (Iterator<com.fasterxml.jackson.databind.JsonNode> p = kind.elements(); p.hasNext();) {
                if (inputs.fixed().containsKey(p.next().path("Name").asText())) {
                    p.remove();
                }
            }
            if (kind.isEmpty()) {
                it.remove();
            }
        }
        tuning.set("ParameterRanges", ranges);
        tuning.put("TrainingJobEarlyStoppingType", "Off");
        ObjectNode def = root.putObject("TrainingJobDefinition");
        ObjectNode statics = def.putObject("StaticHyperParameters");
        plan.staticHyperParameters().forEach(statics::put);
        inputs.fixed().forEach(statics::put);
        ObjectNode algorithm = def.putObject("AlgorithmSpecification").put("TrainingInputMode", "File");
        if (trainer.launcher() == null) {
            algorithm.put("AlgorithmName", trainer.algorithmName());
        } else {
            algorithm.put("TrainingImage", "file:" + trainer.launcher().toAbsolutePath());
            algorithm.putArray("MetricDefinitions").addObject().put("Name", trainer.metric())
                    .put("Regex", java.util.regex.Pattern.quote(trainer.metric()) + "=([0-9.eE+-]+)");
        }
        def.put("RoleArn", r.sagemakerIamRoleArn() != null ? r.sagemakerIamRoleArn()
                : "arn:aws:iam::" + config.accountId() + ":role/NeptuneMLSageMakerRole");
        ArrayNode channels = def.putArray("InputDataConfig");
        inputs.channels().forEach((name, uri) -> channels.addObject().put("ChannelName", name).putObject("DataSource")
                .putObject("S3DataSource").put("S3DataType", "S3Prefix").put("S3Uri", uri)
                .put("S3DataDistributionType", "FullyReplicated"));
        ObjectNode output = def.putObject("OutputDataConfig").put("S3OutputPath", Locations.prefix(r.trainModelS3Location()) + "/hpo");
        ObjectNode resources = def.putObject("ResourceConfig").put("InstanceType", r.trainingInstanceType()).put("InstanceCount", 1)
                .put("VolumeSizeInGB", volumeSizeInGB);
        // The security fields reach the tuning job as SageMaker's own (stored and described there; no effect locally).
        if (r.s3OutputEncryptionKMSKey() != null) {
            output.put("KmsKeyId", r.s3OutputEncryptionKMSKey());
        }
        if (r.volumeEncryptionKMSKey() != null) {
            resources.put("VolumeKmsKeyId", r.volumeEncryptionKMSKey());
        }
        if (r.subnets() != null && !r.subnets().isEmpty() && r.securityGroupIds() != null && !r.securityGroupIds().isEmpty()) {
            ObjectNode vpc = def.putObject("VpcConfig");
            r.subnets().forEach(vpc.putArray("Subnets")::add);
            r.securityGroupIds().forEach(vpc.putArray("SecurityGroupIds")::add);
        }
        def.put("EnableInterContainerTrafficEncryption", !Boolean.FALSE.equals(r.enableInterContainerTrafficEncryption()));
        ObjectNode stopping = def.putObject("StoppingCondition").put("MaxRuntimeInSeconds", r.trainingTimeOutInSeconds());
        if (Boolean.TRUE.equals(r.enableManagedSpotTraining())) {
            def.put("EnableManagedSpotTraining", true);
            stopping.put("MaxWaitTimeInSeconds", r.maxWaitTime() != null ? r.maxWaitTime() : r.trainingTimeOutInSeconds());
        }
        if (parentTuningJob != null) {
            // Incremental training: the previous job's trials seed the search on the updated graph.
            ObjectNode warm = root.putObject("WarmStartConfig").put("WarmStartType", "TransferLearning");
            warm.putArray("ParentHyperParameterTuningJobs").addObject().put("HyperParameterTuningJobName", parentTuningJob);
        }
        root.putArray("Tags").addObject().put("Key", "neptune-ml:model-training-job").put("Value", r.id());
        return Json.mapper().convertValue(root, CreateHyperParameterTuningJobRequest.class);
    }
}
