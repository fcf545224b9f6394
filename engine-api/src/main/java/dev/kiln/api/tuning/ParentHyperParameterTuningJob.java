package dev.kiln.api.tuning;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A finished tuning job used for warm start. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParentHyperParameterTuningJob(String hyperParameterTuningJobName) {
}
