package dev.kiln.api.logs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.json.Json;
import dev.kiln.api.json.RequestParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CloudWatch Logs shapes: camelCase wire names, epoch-millisecond numbers, and the request rules. */
class LogsShapesTest {
    @Test
    void wireNamesAreCamelCase() {
        GetLogEventsRequest r = RequestParser.parse("""
                {"logGroupName": "/aws/sagemaker/TrainingJobs", "logStreamName": "j/algo-1-1", "startTime": 1700000000000,
                 "startFromHead": true, "limit": 5, "nextToken": "f/3", "unmask": false}""", GetLogEventsRequest.class);
        assertEquals(1_700_000_000_000L, r.startTime());
        assertEquals(5, r.limit());
        assertEquals("{\"events\":[{\"timestamp\":1,\"message\":\"m\",\"ingestionTime\":2}],\"nextForwardToken\":\"f/1\","
                + "\"nextBackwardToken\":\"b/0\"}",
                Json.write(new GetLogEventsResponse(List.of(new OutputLogEvent(1L, "m", 2L)), "f/1", "b/0")));
        assertThrows(ValidationException.class, () -> RequestParser.parse("{\"LogStreamName\": \"x\"}", GetLogEventsRequest.class));
    }

    @Test
    void shapeViolationsAreValidationErrorsAndRulesInvalidParameters() {
        ValidationException limit = assertThrows(ValidationException.class, () -> LogsRequestValidator.validate(
                new GetLogEventsRequest("/aws/sagemaker/TrainingJobs", null, "a:b", null, null, null, 10_001, null, null)));
        assertEquals("2 validation errors detected: Value 'a:b' at 'logStreamName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: [^:*]*; Value '10001' at 'limit' failed to satisfy constraint: "
                + "Member must have value less than or equal to 10000", limit.getMessage());
        assertThrows(InvalidParameterException.class, () -> LogsRequestValidator.validate(
                new GetLogEventsRequest(null, null, "s", null, null, null, null, null, null)));
        assertThrows(InvalidParameterException.class, () -> LogsRequestValidator.validate(
                new GetLogEventsRequest("g", "g", "s", null, null, null, null, null, null)));
        assertThrows(InvalidParameterException.class, () -> LogsRequestValidator.validate(
                new GetLogEventsRequest("g", null, "s", 5L, 4L, null, null, null, null)));
        assertThrows(InvalidParameterException.class, () -> LogsRequestValidator.validate(
                new DescribeLogStreamsRequest("g", null, "p", "LastEventTime", null, null, null)));
        ValidationException order = assertThrows(ValidationException.class, () -> LogsRequestValidator.validate(
                new DescribeLogStreamsRequest("g", null, null, "Name", null, null, 51)));
        assertEquals(2, order.getMessage().split("; ").length);
        assertDoesNotThrow(() -> LogsRequestValidator.validate(
                new DescribeLogStreamsRequest(null, "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/TrainingJobs",
                        "job/", "LogStreamName", true, null, 50)));
    }
}
