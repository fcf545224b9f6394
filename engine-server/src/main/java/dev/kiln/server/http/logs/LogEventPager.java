package dev.kiln.server.http.logs;

import dev.kiln.api.logs.GetLogEventsResponse;
import dev.kiln.api.logs.OutputLogEvent;
import dev.kiln.runtime.log.LogEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * GetLogEvents' paging over one job log, as CloudWatch Logs pages:
 * <ul>
 *   <li>without a token, {@code startFromHead} reads from the first event, otherwise the page holds
 *       the latest events;</li>
 *   <li>a {@code f/} token reads on from where the previous page ended, a {@code b/} token reads the
 *       events before where it began (each page in ascending order);</li>
 *   <li>at either end the call returns the token it was given, which is how SDK paginators and
 *       the SageMaker SDK's log tailing know to stop (or, while the job runs, to poll again);</li>
 *   <li>a page holds at most {@code limit} events (default 10,000) and about 1 MB, counting 26
 *       bytes per event as the service does; the time range keeps events with
 *       {@code startTime <= timestamp < endTime}.</li>
 * </ul>
 */
final class LogEventPager {
    static final int DEFAULT_LIMIT = 10_000;
    static final int MAX_PAGE_BYTES = 1_048_576;
    static final int EVENT_OVERHEAD_BYTES = 26;
    private static final int BATCH = 1024;

    private final LogFiles files;

    LogEventPager(LogFiles files) {
        this.files = files;
    }

    /** One page of {@code file}: {@code token} null means the first call (then {@code startFromHead} applies). */
    GetLogEventsResponse page(Path file, StreamToken token, boolean startFromHead, Integer limit, Long startTime, Long endTime) {
        long count = files.count(file);
        int max = limit == null ? DEFAULT_LIMIT : limit;
        TimeRange range = new TimeRange(startTime, endTime);
        if (token == null) {
            return startFromHead ? forward(file, 0, count, max, range, null) : backward(file, count, max, range, null);
        }
        long position = Math.min(token.position(), count);
        return token.forward() ? forward(file, position, count, max, range, token) : backward(file, position, max, range, token);
    }

    private GetLogEventsResponse forward(Path file, long from, long count, int limit, TimeRange range, StreamToken given) {
        List<OutputLogEvent> events = new ArrayList<>();
        long bytes = 0;
        long next = from; // sequence of the first event not yet consumed
        scan:
        while (next < count && events.size() < limit) {
            List<LogEvent> batch = files.read(file, next, (int) Math.min(BATCH, count - next));
            if (batch.isEmpty()) {
                break;
            }
            for (LogEvent e : batch) {
                if (range.includes(e.timestampMillis())) {
                    long size = size(e);
                    if (bytes + size > MAX_PAGE_BYTES && !events.isEmpty()) {
                        break scan;
                    }
                    events.add(output(e));
                    bytes += size;
                }
                next = e.sequence() + 1;
                if (events.size() >= limit) {
                    break scan;
                }
            }
        }
        StreamToken forward = given != null && given.forward() && next == given.position() ? given : StreamToken.forward(next);
        return new GetLogEventsResponse(events, forward.toString(), StreamToken.backward(from).toString());
    }

    private GetLogEventsResponse backward(Path file, long to, int limit, TimeRange range, StreamToken given) {
        ArrayDeque<OutputLogEvent> events = new ArrayDeque<>();
        long bytes = 0;
        long start = to; // sequence of the earliest event consumed
        scan:
        while (start > 0 && events.size() < limit) {
            long windowStart = Math.max(0, start - BATCH);
            List<LogEvent> batch = files.read(file, windowStart, (int) (start - windowStart));
            if (batch.isEmpty()) {
                break;
            }
            for (int i = batch.size() - 1; i >= 0; i--) {
                LogEvent e = batch.get(i);
                if (range.includes(e.timestampMillis())) {
                    long size = size(e);
                    if (bytes + size > MAX_PAGE_BYTES && !events.isEmpty()) {
                        break scan;
                    }
                    events.addFirst(output(e));
                    bytes += size;
                }
                start = e.sequence();
                if (events.size() >= limit) {
                    break scan;
                }
            }
        }
        // Nothing before the given position: hand the same token back, which ends backward paging.
        StreamToken backward = given != null && !given.forward() && events.isEmpty() ? given : StreamToken.backward(start);
        return new GetLogEventsResponse(new ArrayList<>(events), StreamToken.forward(to).toString(), backward.toString());
    }

    private static long size(LogEvent e) {
        return e.message().getBytes(StandardCharsets.UTF_8).length + (long) EVENT_OVERHEAD_BYTES;
    }

    private static OutputLogEvent output(LogEvent e) {
        // Kiln stamps a line when it reads it, so event time and ingestion time are the same instant.
        return new OutputLogEvent(e.timestampMillis(), e.message(), e.timestampMillis());
    }

    private record TimeRange(Long startTime, Long endTime) {
        boolean includes(long t) {
            return (startTime == null || t >= startTime) && (endTime == null || t < endTime);
        }
    }
}
