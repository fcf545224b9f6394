package dev.kiln.api.training;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One named input channel. Wire names are the AWS PascalCase names (see {@link dev.kiln.api.json.Json}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Channel(
        String channelName,
        DataSource dataSource,
        String contentType,
        String compressionType,
        String recordWrapperType,
        String inputMode,
        ShuffleConfig shuffleConfig) {
}
