package dev.kiln.runtime.algorithm;

import dev.kiln.api.algorithm.StopSignal;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A one-shot stop signal. */
public final class StopFlag implements StopSignal {
    private final CountDownLatch latch = new CountDownLatch(1);

    public void raise() {
        latch.countDown();
    }

    @Override
    public boolean isStopRequested() {
        return latch.getCount() == 0;
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        return latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
