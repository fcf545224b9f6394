package dev.kiln.api.logs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One event of CloudWatch Logs GetLogEvents: when it happened and when it was ingested (epoch
 * milliseconds), and the message. Wire names are camelCase.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record OutputLogEvent(Long timestamp, String message, Long ingestionTime) {
}
