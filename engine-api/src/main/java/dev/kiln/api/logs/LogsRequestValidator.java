package dev.kiln.api.logs;

import dev.kiln.api.validation.Constraints;
import dev.kiln.api.validation.StringShape;

/**
 * Checks GetLogEvents and DescribeLogStreams requests against CloudWatch Logs' model. Shape
 * violations are a ValidationException in the service's wording; the rules the service applies on
 * top (exactly one of logGroupName and logGroupIdentifier, no prefix with LastEventTime ordering,
 * a time range that is not reversed) are InvalidParameterException, as the service sends them.
 */
public final class LogsRequestValidator {
    static final StringShape LOG_GROUP_NAME = StringShape.pattern(1, 512, "[\\.\\-_/#A-Za-z0-9]+");
    static final StringShape LOG_GROUP_IDENTIFIER = StringShape.pattern(1, 2048, "[\\w#+=/:,.@-]*");
    static final StringShape LOG_STREAM_NAME = StringShape.pattern(1, 512, "[^:*]*");
    static final StringShape NEXT_TOKEN = StringShape.length(1, StringShape.UNBOUNDED);
    static final StringShape ORDER_BY = StringShape.oneOf("LogStreamName", "LastEventTime");

    private LogsRequestValidator() {}

    public static void validate(GetLogEventsRequest r) {
        Constraints c = new Constraints();
        c.string("logGroupName", r.logGroupName(), LOG_GROUP_NAME);
        c.string("logGroupIdentifier", r.logGroupIdentifier(), LOG_GROUP_IDENTIFIER);
        c.requiredString("logStreamName", r.logStreamName(), LOG_STREAM_NAME);
        c.number("startTime", r.startTime(), 0L, null);
        c.number("endTime", r.endTime(), 0L, null);
        c.string("nextToken", r.nextToken(), NEXT_TOKEN);
        c.number("limit", r.limit(), 1L, 10_000L);
        c.throwIfAny();
        oneGroup(r.logGroupName(), r.logGroupIdentifier());
        if (r.startTime() != null && r.endTime() != null && r.startTime() > r.endTime()) {
            throw new InvalidParameterException("startTime (" + r.startTime() + ") must not be after endTime (" + r.endTime() + ")");
        }
    }

    public static void validate(DescribeLogStreamsRequest r) {
        Constraints c = new Constraints();
        c.string("logGroupName", r.logGroupName(), LOG_GROUP_NAME);
        c.string("logGroupIdentifier", r.logGroupIdentifier(), LOG_GROUP_IDENTIFIER);
        c.string("logStreamNamePrefix", r.logStreamNamePrefix(), LOG_STREAM_NAME);
        c.string("orderBy", r.orderBy(), ORDER_BY);
        c.string("nextToken", r.nextToken(), NEXT_TOKEN);
        c.number("limit", r.limit(), 1L, 50L);
        c.throwIfAny();
        oneGroup(r.logGroupName(), r.logGroupIdentifier());
        if ("LastEventTime".equals(r.orderBy()) && r.logStreamNamePrefix() != null) {
            throw new InvalidParameterException("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
    }

    private static void oneGroup(String name, String identifier) {
        if (name == null && identifier == null) {
            throw new InvalidParameterException("Either logGroupName or logGroupIdentifier must be specified.");
        }
        if (name != null && identifier != null) {
            throw new InvalidParameterException("logGroupName and logGroupIdentifier are mutually exclusive: specify only one.");
        }
    }
}
