package dev.kiln.api.training;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;

/** DescribeTrainingJob's response: the request echoed plus the job's state. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DescribeTrainingJobResponse(
        String trainingJobName,
        String trainingJobArn,
        String tuningJobArn,
        String labelingJobArn,
        String autoMLJobArn,
        ModelArtifacts modelArtifacts,
        String trainingJobStatus,
        String secondaryStatus,
        String failureReason,
        Map<String, String> hyperParameters,
        AlgorithmSpecification algorithmSpecification,
        String roleArn,
        List<Channel> inputDataConfig,
        OutputDataConfig outputDataConfig,
        ResourceConfig resourceConfig,
        WarmPoolStatus warmPoolStatus,
        VpcConfig vpcConfig,
        StoppingCondition stoppingCondition,
        Instant creationTime,
        Instant trainingStartTime,
        Instant trainingEndTime,
        Instant lastModifiedTime,
        List<SecondaryStatusTransition> secondaryStatusTransitions,
        List<MetricData> finalMetricDataList,
        Boolean enableNetworkIsolation,
        Boolean enableInterContainerTrafficEncryption,
        Boolean enableManagedSpotTraining,
        CheckpointConfig checkpointConfig,
        Integer trainingTimeInSeconds,
        Integer billableTimeInSeconds,
        DebugHookConfig debugHookConfig,
        ExperimentConfig experimentConfig,
        List<RuleConfiguration> debugRuleConfigurations,
        TensorBoardOutputConfig tensorBoardOutputConfig,
        List<RuleEvaluationStatus> debugRuleEvaluationStatuses,
        ProfilerConfig profilerConfig,
        List<RuleConfiguration> profilerRuleConfigurations,
        List<RuleEvaluationStatus> profilerRuleEvaluationStatuses,
        String profilingStatus,
        Map<String, String> environment,
        RetryStrategy retryStrategy,
        RemoteDebugConfig remoteDebugConfig,
        InfraCheckConfig infraCheckConfig,
        ServerlessJobConfig serverlessJobConfig,
        MlflowConfig mlflowConfig,
        ModelPackageConfig modelPackageConfig) {
}
