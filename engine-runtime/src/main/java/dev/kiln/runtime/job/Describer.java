package dev.kiln.runtime.job;

import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobResponse;
import dev.kiln.api.training.ModelArtifacts;
import dev.kiln.api.training.TrainingJobSummary;
import dev.kiln.api.training.WarmPoolStatus;
import dev.kiln.runtime.store.TrainingJobRecord;

/** Turns stored records into the service's response shapes: the request echoed plus the job's state. */
final class Describer {
    private Describer() {}

    static DescribeTrainingJobResponse describe(TrainingJobRecord j) {
        CreateTrainingJobRequest r = j.request();
        WarmPoolStatus warmPool = null;
        if (r.resourceConfig() != null && r.resourceConfig().keepAlivePeriodInSeconds() != null
                && r.resourceConfig().keepAlivePeriodInSeconds() > 0 && j.isTerminal()) {
            // No warm pools locally: a requested pool is reported as already terminated.
            warmPool = new WarmPoolStatus("Terminated", 0, null);
        }
        return new DescribeTrainingJobResponse(
                j.name(), j.arn(), j.tuningJobArn(), null, null,
                new ModelArtifacts(j.modelArtifacts() == null ? "" : j.modelArtifacts()),
                j.status().name(), j.secondaryStatus().name(), j.failureReason(),
                r.hyperParameters(), r.algorithmSpecification(), r.roleArn(), r.inputDataConfig(),
                r.outputDataConfig(), r.resourceConfig(), warmPool, r.vpcConfig(), r.stoppingCondition(),
                j.creationTime(), j.trainingStartTime(), j.trainingEndTime(), j.lastModifiedTime(),
                j.transitions(), j.finalMetrics(),
                r.enableNetworkIsolation() == null ? Boolean.FALSE : r.enableNetworkIsolation(),
                r.enableInterContainerTrafficEncryption() == null ? Boolean.FALSE : r.enableInterContainerTrafficEncryption(),
                r.enableManagedSpotTraining() == null ? Boolean.FALSE : r.enableManagedSpotTraining(),
                r.checkpointConfig(), j.trainingTimeInSeconds(), j.billableTimeInSeconds(),
                r.debugHookConfig(), r.experimentConfig(), r.debugRuleConfigurations(), r.tensorBoardOutputConfig(),
                null, r.profilerConfig(), r.profilerRuleConfigurations(), null,
                r.profilerConfig() == null ? null : (Boolean.TRUE.equals(r.profilerConfig().disableProfiler()) ? "Disabled" : "Enabled"),
                r.environment(), r.retryStrategy(), r.remoteDebugConfig(), r.infraCheckConfig(),
                r.serverlessJobConfig(), r.mlflowConfig(), r.modelPackageConfig());
    }

    static TrainingJobSummary summary(TrainingJobRecord j) {
        return new TrainingJobSummary(j.name(), j.arn(), j.creationTime(), j.trainingEndTime(), j.lastModifiedTime(),
                j.status().name(), j.secondaryStatus().name(), null,
                j.request().resourceConfig() == null ? null : j.request().resourceConfig().trainingPlanArn());
    }
}
