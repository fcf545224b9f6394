package dev.kiln.api.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * CloudWatch Logs GetLogEvents' response; both tokens are always present (the service never returns
 * them null). Wire names are camelCase.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record GetLogEventsResponse(
        List<OutputLogEvent> events,
        String nextForwardToken,
        String nextBackwardToken) {
}
