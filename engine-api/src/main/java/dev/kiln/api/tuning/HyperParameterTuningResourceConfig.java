package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Instances for the training jobs as an alternative to ResourceConfig, with an ordered list of instance choices. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterTuningResourceConfig(
        String instanceType,
        Integer instanceCount,
        Integer volumeSizeInGB,
        String volumeKmsKeyId,
        String allocationStrategy,
        List<HyperParameterTuningInstanceConfig> instanceConfigs) {
}
