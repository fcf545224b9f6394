package dev.kiln.server.neptune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class TimeLimitTest {
    @Test
    void aStepWithinItsLimitReturnsItsResult() throws Exception {
        assertEquals("done", TimeLimit.run("t", Duration.ofSeconds(30), gate -> gate.open() ? "done" : "late"));
    }

    @Test
    void aStepPastItsLimitFailsAndCannotPublish() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        AtomicBoolean published = new AtomicBoolean();
        TimeLimit.Exceeded e = assertThrows(TimeLimit.Exceeded.class, () -> TimeLimit.run("t", Duration.ofMillis(50), gate -> {
            // Ignores interruption, as file I/O may: the closed gate is what keeps it from publishing.
            while (true) {
                try {
                    release.await();
                    break;
                } catch (InterruptedException ignored) {
                    // keep waiting
                }
            }
            published.set(gate.open());
            finished.countDown();
            return "late";
        }));
        assertTrue(e.getMessage().contains("time limit"), e.getMessage());
        release.countDown();
        assertTrue(finished.await(10, TimeUnit.SECONDS));
        assertFalse(published.get());
    }

    @Test
    void theStepsFailureIsRethrown() {
        assertThrows(IOException.class, () -> TimeLimit.run("t", Duration.ofSeconds(30), gate -> {
            throw new IOException("bad input");
        }));
        assertThrows(BadGraphInputException.class, () -> TimeLimit.run("t", Duration.ofSeconds(30), gate -> {
            throw new BadGraphInputException("f", 1, "dangling");
        }));
    }
}
