package dev.kiln.server.http.logs;

import dev.kiln.api.logs.DescribeLogStreamsRequest;
import dev.kiln.api.logs.DescribeLogStreamsResponse;
import dev.kiln.api.logs.GetLogEventsRequest;
import dev.kiln.api.logs.GetLogEventsResponse;
import dev.kiln.api.logs.InvalidParameterException;
import dev.kiln.api.logs.LogResourceNotFoundException;
import dev.kiln.api.logs.LogStream;
import dev.kiln.api.logs.LogsRequestValidator;
import dev.kiln.api.training.ListTrainingJobsRequest;
import dev.kiln.api.training.ListTrainingJobsResponse;
import dev.kiln.api.training.TrainingJobSummary;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.log.LogEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The log group {@code /aws/sagemaker/TrainingJobs} over Kiln's job logs: each training job's log is
 * the stream {@code <job>/algo-1-<creation epoch seconds>}, as SageMaker names the stream of a
 * job's first instance. A stream is listed once its job has written a log; GetLogEvents also
 * answers (with no events) for a job that has not started writing yet.
 */
public final class TrainingLogStreams {
    public static final String LOG_GROUP = "/aws/sagemaker/TrainingJobs";
    private static final String HOST = "algo-1";
    private static final int DEFAULT_STREAMS = 50;
    private static final int LIST_PAGE = 100;

    private final TrainingJobService jobs;
    private final LogFiles files = new LogFiles();
    private final LogEventPager pager = new LogEventPager(files);

    public TrainingLogStreams(TrainingJobService jobs) {
        this.jobs = jobs;
    }

    public GetLogEventsResponse getLogEvents(GetLogEventsRequest r) {
        LogsRequestValidator.validate(r);
        requireGroup(r.logGroupName(), r.logGroupIdentifier());
        Stream stream = find(r.logStreamName())
                .orElseThrow(() -> new LogResourceNotFoundException("The specified log stream does not exist."));
        StreamToken token = r.nextToken() == null ? null : StreamToken.parse(r.nextToken());
        return pager.page(stream.file, token, Boolean.TRUE.equals(r.startFromHead()), r.limit(), r.startTime(), r.endTime());
    }

    public DescribeLogStreamsResponse describeLogStreams(DescribeLogStreamsRequest r) {
        LogsRequestValidator.validate(r);
        requireGroup(r.logGroupName(), r.logGroupIdentifier());
        boolean byTime = "LastEventTime".equals(r.orderBy());
        boolean descending = Boolean.TRUE.equals(r.descending());
        String query = String.join("|", String.valueOf(r.logStreamNamePrefix()), String.valueOf(byTime), String.valueOf(descending));
        int offset = r.nextToken() == null ? 0 : decode(r.nextToken(), query);
        int limit = r.limit() == null ? DEFAULT_STREAMS : r.limit();

        List<Stream> streams = new ArrayList<>();
        for (Stream s : allStreams()) {
            if ((r.logStreamNamePrefix() == null || s.name.startsWith(r.logStreamNamePrefix())) && files.exists(s.file)) {
                streams.add(s);
            }
        }
        List<LogStream> listed;
        if (byTime) {
            // Ordering by time needs every stream's last event; a workstation has few enough jobs.
            List<LogStream> all = new ArrayList<>(streams.stream().map(this::describe).toList());
            Comparator<LogStream> order = Comparator
                    .comparing((LogStream s) -> s.lastEventTimestamp() == null ? 0L : s.lastEventTimestamp())
                    .thenComparing(LogStream::logStreamName);
            all.sort(descending ? order.reversed() : order);
            listed = page(all, offset, limit);
        } else {
            Comparator<Stream> order = Comparator.comparing(s -> s.name);
            streams.sort(descending ? order.reversed() : order);
            listed = page(streams, offset, limit).stream().map(this::describe).toList();
        }
        boolean more = (long) offset + limit < streams.size();
        return new DescribeLogStreamsResponse(listed, more ? encode(offset + limit, query) : null);
    }

    private static <T> List<T> page(List<T> all, int offset, int limit) {
        if (offset >= all.size()) {
            return List.of();
        }
        return new ArrayList<>(all.subList(offset, (int) Math.min(all.size(), (long) offset + limit)));
    }

    private LogStream describe(Stream s) {
        long count = files.count(s.file);
        Long first = null;
        Long last = null;
        if (count > 0) {
            first = files.read(s.file, 0, 1).stream().findFirst().map(LogEvent::timestampMillis).orElse(null);
            last = files.read(s.file, count - 1, 1).stream().findFirst().map(LogEvent::timestampMillis).orElse(null);
        }
        KilnConfig config = jobs.config();
        String arn = "arn:aws:logs:" + config.region() + ":" + config.accountId() + ":log-group:" + LOG_GROUP + ":log-stream:" + s.name;
        return new LogStream(s.name, s.creationMillis, first, last, last, null, arn, 0L);
    }

    private Optional<Stream> find(String streamName) {
        int slash = streamName.indexOf('/');
        if (slash <= 0) {
            return Optional.empty();
        }
        String job = streamName.substring(0, slash);
        if (!jobs.exists(job)) {
            return Optional.empty();
        }
        var record = jobs.record(job);
        Stream stream = new Stream(streamName(record.name(), record.creationTime().getEpochSecond()),
                record.creationTime().toEpochMilli(), jobs.logFile(record.name()));
        return stream.name.equals(streamName) ? Optional.of(stream) : Optional.empty();
    }

    private List<Stream> allStreams() {
        List<Stream> out = new ArrayList<>();
        String token = null;
        do {
            ListTrainingJobsResponse page = jobs.list(new ListTrainingJobsRequest(token, LIST_PAGE, null, null, null, null,
                    null, null, "Name", "Ascending", null, null));
            for (TrainingJobSummary s : page.trainingJobSummaries()) {
                out.add(new Stream(streamName(s.trainingJobName(), s.creationTime().getEpochSecond()),
                        s.creationTime().toEpochMilli(), jobs.logFile(s.trainingJobName())));
            }
            token = page.nextToken();
        } while (token != null);
        return out;
    }

    static String streamName(String job, long creationEpochSeconds) {
        return job + "/" + HOST + "-" + creationEpochSeconds;
    }

    /** The group given by name, or by ARN ({@code arn:aws:logs:...:log-group:<name>}), must be the training-job group. */
    private static void requireGroup(String name, String identifier) {
        String group = name;
        if (group == null) {
            group = identifier;
            int marker = group.indexOf(":log-group:");
            if (group.startsWith("arn:") && marker > 0) {
                group = group.substring(marker + ":log-group:".length());
            }
        }
        if (!LOG_GROUP.equals(group)) {
            throw new LogResourceNotFoundException("The specified log group does not exist.");
        }
    }

    private static String encode(int offset, String query) {
        String raw = offset + ":" + Integer.toHexString(query.hashCode());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token, String query) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            if (colon > 0 && raw.substring(colon + 1).equals(Integer.toHexString(query.hashCode()))) {
                int offset = Integer.parseInt(raw.substring(0, colon));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through
        }
        throw new InvalidParameterException("The specified nextToken is invalid or belongs to a different query.");
    }

    private record Stream(String name, long creationMillis, Path file) {}
}
