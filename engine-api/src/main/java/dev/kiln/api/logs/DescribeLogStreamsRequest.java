package dev.kiln.api.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** CloudWatch Logs DescribeLogStreams' request. Wire names are camelCase. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record DescribeLogStreamsRequest(
        String logGroupName,
        String logGroupIdentifier,
        String logStreamNamePrefix,
        String orderBy,
        Boolean descending,
        String nextToken,
        Integer limit) {
}
