package dev.kiln.api.training;

import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;

/** A Debugger or Profiler rule (both lists share this shape). Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleConfiguration(
        String ruleConfigurationName,
        String localPath,
        String s3OutputPath,
        String ruleEvaluatorImage,
        String instanceType,
        Integer volumeSizeInGB,
        Map<String, String> ruleParameters) {
}
