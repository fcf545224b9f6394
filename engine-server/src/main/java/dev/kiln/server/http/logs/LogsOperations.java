package dev.kiln.server.http.logs;

import dev.kiln.api.logs.DescribeLogStreamsRequest;
import dev.kiln.api.logs.GetLogEventsRequest;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.server.http.awsjson.AwsJsonService;

/** The CloudWatch Logs operations the endpoint serves ({@code X-Amz-Target: Logs_20140328.<Operation>}, signed for {@code logs}). */
public final class LogsOperations {
    public static final String TARGET_PREFIX = "Logs_20140328";
    public static final String SIGNING_NAME = "logs";

    private LogsOperations() {}

    public static AwsJsonService create(TrainingJobService jobs) {
        TrainingLogStreams streams = new TrainingLogStreams(jobs);
        return new AwsJsonService(TARGET_PREFIX, SIGNING_NAME)
                .operation("GetLogEvents", GetLogEventsRequest.class, streams::getLogEvents)
                .operation("DescribeLogStreams", DescribeLogStreamsRequest.class, streams::describeLogStreams);
    }
}
