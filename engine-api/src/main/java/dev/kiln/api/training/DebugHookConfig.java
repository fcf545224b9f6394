package dev.kiln.api.training;

import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;

/** SageMaker Debugger hook. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DebugHookConfig(
        String localPath,
        String s3OutputPath,
        Map<String, String> hookParameters,
        List<CollectionConfiguration> collectionConfigurations) {
}
