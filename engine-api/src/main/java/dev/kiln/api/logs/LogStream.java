package dev.kiln.api.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One CloudWatch Logs log stream as DescribeLogStreams lists it; times are epoch milliseconds. Wire
 * names are camelCase.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record LogStream(
        String logStreamName,
        Long creationTime,
        Long firstEventTimestamp,
        Long lastEventTimestamp,
        Long lastIngestionTime,
        String uploadSequenceToken,
        String arn,
        Long storedBytes) {
}
