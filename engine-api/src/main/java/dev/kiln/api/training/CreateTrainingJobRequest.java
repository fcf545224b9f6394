package dev.kiln.api.training;

import dev.kiln.api.common.Tag;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;

/** CreateTrainingJob's request, every field the service takes (the seed and the current CLI skeleton). Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateTrainingJobRequest(
        String trainingJobName,
        Map<String, String> hyperParameters,
        AlgorithmSpecification algorithmSpecification,
        String roleArn,
        List<Channel> inputDataConfig,
        OutputDataConfig outputDataConfig,
        ResourceConfig resourceConfig,
        VpcConfig vpcConfig,
        StoppingCondition stoppingCondition,
        List<Tag> tags,
        Boolean enableNetworkIsolation,
        Boolean enableInterContainerTrafficEncryption,
        Boolean enableManagedSpotTraining,
        CheckpointConfig checkpointConfig,
        DebugHookConfig debugHookConfig,
        List<RuleConfiguration> debugRuleConfigurations,
        TensorBoardOutputConfig tensorBoardOutputConfig,
        ExperimentConfig experimentConfig,
        ProfilerConfig profilerConfig,
        List<RuleConfiguration> profilerRuleConfigurations,
        Map<String, String> environment,
        RetryStrategy retryStrategy,
        RemoteDebugConfig remoteDebugConfig,
        InfraCheckConfig infraCheckConfig,
        SessionChainingConfig sessionChainingConfig,
        ServerlessJobConfig serverlessJobConfig,
        MlflowConfig mlflowConfig,
        ModelPackageConfig modelPackageConfig) {
}
