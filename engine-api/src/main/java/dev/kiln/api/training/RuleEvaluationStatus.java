package dev.kiln.api.training;

import java.time.Instant;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A Debugger or Profiler rule's evaluation state. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleEvaluationStatus(
        String ruleConfigurationName,
        String ruleEvaluationJobArn,
        String ruleEvaluationStatus,
        String statusDetails,
        Instant lastModifiedTime) {
}
