package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Earlier tuning jobs whose results seed this one, and how they relate to it. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HyperParameterTuningJobWarmStartConfig(List<ParentHyperParameterTuningJob> parentHyperParameterTuningJobs, String warmStartType) {
}
