package dev.kiln.runtime.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLogTest {
    @TempDir
    Path dir;

    private Path log() {
        return JobLogWriter.defaultFile(dir.resolve("jobs").resolve("my-job"));
    }

    @Test
    void preservesUnicodeTabsNewlinesAndTimestamps() throws IOException {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_714_557_600_123L), ZoneOffset.UTC);
        List<String> messages = List.of("[0]\ttrain-rmse:0.5\tvalidation-rmse:0.6", "日本語 🚀 ünï e\u0301",
                "Traceback:\n  File \"x.py\"\r\n", "back\\slash \\n", "", "\t");
        try (JobLogWriter writer = new JobLogWriter(log(), clock)) {
            for (String m : messages) {
                writer.append(m);
            }
        }
        List<LogEvent> events = new JobLogReader(log()).read(0, 100);
        assertEquals(messages.size(), events.size());
        for (int k = 0; k < messages.size(); k++) {
            assertEquals(new LogEvent(1_714_557_600_123L, messages.get(k), k), events.get(k));
        }
        assertEquals(messages.size(), Files.readAllLines(log(), StandardCharsets.UTF_8).size());
    }

    @Test
    void concurrentWritersLoseNothingAndKeepEachWritersOrder() throws Exception {
        int writers = 4;
        int perWriter = 5_000;
        try (JobLogWriter writer = new JobLogWriter(log())) {
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int id = w;
                threads.add(started(() -> {
                    await(start);
                    for (int k = 0; k < perWriter; k++) {
                        writer.append(id + "\t" + k + " ✓");
                    }
                }));
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            assertEquals((long) writers * perWriter, writer.nextSequence());
        }
        List<LogEvent> events = new JobLogReader(log()).read(0, Integer.MAX_VALUE);
        assertEquals(writers * perWriter, events.size());
        int[] next = new int[writers];
        long lastTimestamp = 0;
        for (int s = 0; s < events.size(); s++) {
            LogEvent e = events.get(s);
            assertEquals(s, e.sequence());
            assertTrue(e.timestampMillis() >= lastTimestamp, "timestamps never decrease along the log");
            lastTimestamp = e.timestampMillis();
            String[] parts = e.message().split("\t");
            int id = Integer.parseInt(parts[0]);
            assertEquals(next[id]++ + " ✓", parts[1]);
        }
    }

    @Test
    void pagesBySequenceNumber() throws IOException {
        try (JobLogWriter writer = new JobLogWriter(log())) {
            for (int k = 0; k < 5_000; k++) {
                writer.append("line " + k);
            }
        }
        JobLogReader reader = new JobLogReader(log());
        assertEquals(List.of("line 4000", "line 4001"), messages(reader.read(4000, 2)));
        assertEquals(List.of("line 10", "line 11", "line 12"), messages(reader.read(10, 3)));
        assertEquals(List.of("line 4999"), messages(reader.read(4999, 10)));
        assertEquals(List.of(), reader.read(5000, 10));
        assertEquals(List.of(), reader.read(0, 0));
        assertEquals(2050, reader.read(2050, 10).get(0).sequence());
    }

    @Test
    void aMissingLogReadsAsEmpty() {
        assertEquals(List.of(), new JobLogReader(dir.resolve("nope.log")).read(0, 10));
    }

    @Test
    void readingWhileWritingSeesOnlyWholeEventsInOrder() throws Exception {
        int total = 400;
        try (JobLogWriter writer = new JobLogWriter(log())) {
            Thread producer = started(() -> {
                for (int k = 0; k < total; k++) {
                    writer.append(bigMessage(k)); // up to 100 KB: buffer spills split events across writes
                }
            });
            JobLogReader reader = new JobLogReader(log());
            long next = 0;
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a hang guard, not a speed check
            while (next < total && System.nanoTime() < giveUp) {
                List<LogEvent> page = reader.read(next, 7);
                for (LogEvent e : page) {
                    assertEquals(next, e.sequence());
                    assertEquals(bigMessage((int) next), e.message());
                    next++;
                }
                if (page.isEmpty()) {
                    Thread.sleep(1);
                }
            }
            producer.join();
            assertEquals(total, next);
        }
    }

    @Test
    void followDeliversLinesWhileTheJobRunsAndEndsWhenItEnds() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        List<LogEvent> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstSeen = new CountDownLatch(1);
        // The follower starts before the log exists, as `kiln logs --follow` may.
        Thread follower = started(() -> new JobLogReader(log()).follow(0, e -> {
            seen.add(e);
            firstSeen.countDown();
        }, running::get));
        JobLogWriter writer = new JobLogWriter(log());
        writer.append("epoch 1");
        // Visible without close or explicit flush: the background flush writes it.
        assertTrue(firstSeen.await(10, TimeUnit.SECONDS), "the follower saw the first line");
        for (int k = 2; k <= 1000; k++) {
            writer.append("epoch " + k);
        }
        writer.close();
        running.set(false);
        follower.join(10_000);
        assertFalse(follower.isAlive(), "follow returned after the job ended");
        assertEquals(1000, seen.size());
        for (int k = 0; k < 1000; k++) {
            assertEquals(new LogEvent(seen.get(k).timestampMillis(), "epoch " + (k + 1), k), seen.get(k));
        }
    }

    @Test
    void followFromASequenceSkipsEarlierLines() throws Exception {
        try (JobLogWriter writer = new JobLogWriter(log())) {
            for (int k = 0; k < 10; k++) {
                writer.append("line " + k);
            }
        }
        List<LogEvent> seen = new ArrayList<>();
        new JobLogReader(log()).follow(7, seen::add, () -> false);
        assertEquals(List.of("line 7", "line 8", "line 9"), messages(seen));
    }

    @Test
    void reopeningContinuesTheSequenceAndTerminatesATornLastLine() throws IOException {
        Files.createDirectories(log().getParent());
        Files.writeString(log(), "1\tfirst\n2\ttorn, the writer died he", StandardCharsets.UTF_8);
        try (JobLogWriter writer = new JobLogWriter(log())) {
            assertEquals(2, writer.nextSequence());
            assertEquals(2, writer.append("after restart"));
        }
        assertEquals(List.of("first", "torn, the writer died he", "after restart"),
                messages(new JobLogReader(log()).read(0, 10)));
    }

    @Test
    void appendingAfterCloseFails() throws IOException {
        JobLogWriter writer = new JobLogWriter(log());
        writer.close();
        writer.close();
        assertThrows(IllegalStateException.class, () -> writer.append("late"));
    }

    private static String bigMessage(int k) {
        int length = (k * 7919) % 100_000;
        StringBuilder b = new StringBuilder(length + 16).append(k).append('\t');
        for (int c = 0; c < length; c++) {
            b.append((char) ('a' + (k + c) % 26));
        }
        return b.append(k % 3 == 0 ? "\n🚀" : "é").toString();
    }

    private static List<String> messages(List<LogEvent> events) {
        return events.stream().map(LogEvent::message).toList();
    }

    private static Thread started(Runnable body) {
        Thread t = new Thread(body, "job-log-test");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
