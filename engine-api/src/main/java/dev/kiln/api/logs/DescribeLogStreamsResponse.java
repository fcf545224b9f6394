package dev.kiln.api.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** CloudWatch Logs DescribeLogStreams' response. Wire names are camelCase. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record DescribeLogStreamsResponse(List<LogStream> logStreams, String nextToken) {
}
