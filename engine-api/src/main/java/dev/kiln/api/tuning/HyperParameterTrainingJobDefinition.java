package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.api.common.Tag;
import dev.kiln.api.training.AlgorithmSpecification;
import dev.kiln.api.training.Channel;
import dev.kiln.api.training.CheckpointConfig;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.OutputDataConfig;
import dev.kiln.api.training.ResourceConfig;
import dev.kiln.api.training.RetryStrategy;
import dev.kiln.api.training.StoppingCondition;
import dev.kiln.api.training.VpcConfig;
import java.util.List;
import java.util.Map;

/**
 * The training jobs a tuning job launches: everything of CreateTrainingJob except the name and the
 * tuned hyperparameters, plus the definition's own objective and ranges when a tuning job has several.
 * Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterTrainingJobDefinition(
        String definitionName,
        HyperParameterTuningJobObjective tuningObjective,
        ParameterRanges hyperParameterRanges,
        Map<String, String> staticHyperParameters,
        HyperParameterAlgorithmSpecification algorithmSpecification,
        String roleArn,
        List<Channel> inputDataConfig,
        VpcConfig vpcConfig,
        OutputDataConfig outputDataConfig,
        ResourceConfig resourceConfig,
        HyperParameterTuningResourceConfig hyperParameterTuningResourceConfig,
        StoppingCondition stoppingCondition,
        Boolean enableNetworkIsolation,
        Boolean enableInterContainerTrafficEncryption,
        Boolean enableManagedSpotTraining,
        CheckpointConfig checkpointConfig,
        RetryStrategy retryStrategy,
        Map<String, String> environment) {

    /**
     * The CreateTrainingJob request of one trial. Without a ResourceConfig the first choice of
     * HyperParameterTuningResourceConfig is used ("Prioritized": on one machine the first choice is
     * always available).
     */
    public CreateTrainingJobRequest toTrainingJobRequest(String trainingJobName, Map<String, String> hyperParameters,
            List<Tag> tags) {
        HyperParameterAlgorithmSpecification a = algorithmSpecification;
        AlgorithmSpecification algorithm = a == null ? null : new AlgorithmSpecification(a.trainingImage(),
                a.algorithmName(), a.trainingInputMode(), a.metricDefinitions(), null, null, null, null);
        return new CreateTrainingJobRequest(trainingJobName, hyperParameters, algorithm, roleArn, inputDataConfig,
                outputDataConfig, effectiveResourceConfig(), vpcConfig, stoppingCondition,
                tags == null || tags.isEmpty() ? null : tags,
                enableNetworkIsolation, enableInterContainerTrafficEncryption, enableManagedSpotTraining,
                checkpointConfig, null, null, null, null, null, null, environment, retryStrategy,
                null, null, null, null, null, null);
    }

    /** ResourceConfig, or the one HyperParameterTuningResourceConfig stands for; null when neither is given. */
    public ResourceConfig effectiveResourceConfig() {
        if (resourceConfig != null || hyperParameterTuningResourceConfig == null) {
            return resourceConfig;
        }
        HyperParameterTuningResourceConfig h = hyperParameterTuningResourceConfig;
        if (h.instanceConfigs() != null && !h.instanceConfigs().isEmpty()) {
            HyperParameterTuningInstanceConfig first = h.instanceConfigs().get(0);
            return new ResourceConfig(first.instanceType(), first.instanceCount(), first.volumeSizeInGB(),
                    h.volumeKmsKeyId(), null, null, null, null);
        }
        return new ResourceConfig(h.instanceType(), h.instanceCount(), h.volumeSizeInGB(), h.volumeKmsKeyId(),
                null, null, null, null);
    }
}
