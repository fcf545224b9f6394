package dev.kiln.api.training;

import java.util.Map;
import com.fasterxml.jackson.annotation.JsonInclude;

/** SageMaker Profiler settings. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProfilerConfig(
        String s3OutputPath,
        Long profilingIntervalInMilliseconds,
        Map<String, String> profilingParameters,
        Boolean disableProfiler) {
}
