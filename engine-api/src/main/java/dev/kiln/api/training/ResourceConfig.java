package dev.kiln.api.training;

import java.util.List;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Instances and storage for the job. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceConfig(
        String instanceType,
        Integer instanceCount,
        Integer volumeSizeInGB,
        String volumeKmsKeyId,
        Integer keepAlivePeriodInSeconds,
        List<InstanceGroup> instanceGroups,
        String trainingPlanArn,
        InstancePlacementConfig instancePlacementConfig) {
}
