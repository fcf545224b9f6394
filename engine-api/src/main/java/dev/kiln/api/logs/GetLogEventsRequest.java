package dev.kiln.api.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * CloudWatch Logs GetLogEvents' request; {@code logGroupName} or {@code logGroupIdentifier} names the
 * group, times are epoch milliseconds. Wire names are camelCase.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record GetLogEventsRequest(
        String logGroupName,
        String logGroupIdentifier,
        String logStreamName,
        Long startTime,
        Long endTime,
        String nextToken,
        Integer limit,
        Boolean startFromHead,
        Boolean unmask) {
}
