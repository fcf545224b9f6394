package dev.kiln.server.http.logs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.logs.GetLogEventsResponse;
import dev.kiln.api.logs.InvalidParameterException;
import dev.kiln.api.logs.OutputLogEvent;
import dev.kiln.runtime.log.JobLogWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GetLogEvents' paging semantics over a job log of 25 events stamped 1000, 1010, ..., 1240 ms. */
class LogEventPagerTest {
    @TempDir
    Path tmp;
    Path file;
    final LogFiles files = new LogFiles();
    final LogEventPager pager = new LogEventPager(files);

    /** Each reading advances 10 ms, so event i is stamped 1000 + 10 i. */
    static final class SteppingClock extends Clock {
        long next = 1000;

        @Override
        public long millis() {
            long now = next;
            next += 10;
            return now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @BeforeEach
    void writeLog() throws Exception {
        file = tmp.resolve("algo-1.log");
        try (JobLogWriter w = new JobLogWriter(file, new SteppingClock())) {
            for (int i = 0; i < 25; i++) {
                w.append("line " + i);
            }
        }
    }

    private static List<String> messages(GetLogEventsResponse r) {
        return r.events().stream().map(OutputLogEvent::message).toList();
    }

    private static List<String> lines(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("line " + i);
        }
        return out;
    }

    @Test
    void forwardFromTheHeadUntilTheTokenRepeats() {
        List<String> seen = new ArrayList<>();
        GetLogEventsResponse page = pager.page(file, null, true, 10, null, null);
        String previous = null;
        int calls = 1;
        while (!page.nextForwardToken().equals(previous)) {
            seen.addAll(messages(page));
            previous = page.nextForwardToken();
            page = pager.page(file, StreamToken.parse(previous), false, 10, null, null);
            calls++;
        }
        assertEquals(lines(0, 25), seen);
        assertEquals(4, calls); // 10 + 10 + 5, then an empty page with the same token
        assertTrue(page.events().isEmpty());
        assertEquals("f/25", page.nextForwardToken());
    }

    @Test
    void withoutStartFromHeadTheLatestEventsComeFirstAndBackwardTokensPageBack() {
        GetLogEventsResponse last = pager.page(file, null, false, 10, null, null);
        assertEquals(lines(15, 25), messages(last));
        assertEquals("f/25", last.nextForwardToken());
        assertEquals("b/15", last.nextBackwardToken());

        GetLogEventsResponse before = pager.page(file, StreamToken.parse(last.nextBackwardToken()), false, 10, null, null);
        assertEquals(lines(5, 15), messages(before));
        GetLogEventsResponse first = pager.page(file, StreamToken.parse(before.nextBackwardToken()), false, 10, null, null);
        assertEquals(lines(0, 5), messages(first));
        assertEquals("b/0", first.nextBackwardToken());
        GetLogEventsResponse none = pager.page(file, StreamToken.parse("b/0"), false, 10, null, null);
        assertTrue(none.events().isEmpty());
        assertEquals("b/0", none.nextBackwardToken()); // the same token: nothing further back
    }

    @Test
    void newEventsAppearBehindARepeatedForwardToken() throws Exception {
        GetLogEventsResponse end = pager.page(file, StreamToken.parse("f/25"), true, 10, null, null);
        assertEquals("f/25", end.nextForwardToken());
        try (JobLogWriter w = new JobLogWriter(file, new SteppingClock())) {
            w.append("line 25");
        }
        GetLogEventsResponse more = pager.page(file, StreamToken.parse("f/25"), true, 10, null, null);
        assertEquals(List.of("line 25"), messages(more));
        assertEquals("f/26", more.nextForwardToken());
    }

    @Test
    void theTimeRangeIncludesItsStartAndExcludesItsEnd() {
        GetLogEventsResponse r = pager.page(file, null, true, null, 1050L, 1100L);
        assertEquals(lines(5, 10), messages(r));
        assertEquals(1050L, r.events().get(0).timestamp());
        assertEquals(r.events().get(0).timestamp(), r.events().get(0).ingestionTime());
        GetLogEventsResponse latest = pager.page(file, null, false, 2, 1050L, 1100L);
        assertEquals(lines(8, 10), messages(latest));
    }

    @Test
    void aMissingLogReadsAsAnEmptyStreamAndBadTokensAreRefused() {
        GetLogEventsResponse r = pager.page(tmp.resolve("absent.log"), null, true, null, null, null);
        assertTrue(r.events().isEmpty());
        assertEquals("f/0", r.nextForwardToken());
        assertEquals("b/0", r.nextBackwardToken());
        assertThrows(InvalidParameterException.class, () -> StreamToken.parse("x/1"));
        assertThrows(InvalidParameterException.class, () -> StreamToken.parse("f/-1"));
        assertThrows(InvalidParameterException.class, () -> StreamToken.parse("f/"));
    }

    @Test
    void aPageStopsNearOneMegabyte() throws Exception {
        Path big = tmp.resolve("big.log");
        String kb = "x".repeat(1000);
        try (JobLogWriter w = new JobLogWriter(big, new SteppingClock())) {
            for (int i = 0; i < 2000; i++) {
                w.append(kb);
            }
        }
        GetLogEventsResponse first = pager.page(big, null, true, null, null, null);
        int n = first.events().size();
        assertEquals(LogEventPager.MAX_PAGE_BYTES / (1000 + LogEventPager.EVENT_OVERHEAD_BYTES), n);
        assertEquals("f/" + n, first.nextForwardToken());
        GetLogEventsResponse second = pager.page(big, StreamToken.parse(first.nextForwardToken()), true, null, null, null);
        assertEquals(Math.min(n, 2000 - n), second.events().size());
    }
}
