package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.api.common.Tag;
import java.util.List;

/** CreateHyperParameterTuningJob's request, every field of the service (seed 003 and the CLI skeleton). Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateHyperParameterTuningJobRequest(
        String hyperParameterTuningJobName,
        HyperParameterTuningJobConfig hyperParameterTuningJobConfig,
        HyperParameterTrainingJobDefinition trainingJobDefinition,
        List<HyperParameterTrainingJobDefinition> trainingJobDefinitions,
        HyperParameterTuningJobWarmStartConfig warmStartConfig,
        List<Tag> tags,
        Autotune autotune) {
}
