package dev.kiln.server.neptune;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a job step (data processing) in its own thread under a time limit such as
 * {@code processingTimeOutInSeconds}. The step publishes its output only after {@link Gate#open()}
 * succeeds, and the limit closes the gate, so a step past its limit publishes nothing; one already
 * publishing when the limit passes is allowed to finish.
 */
final class TimeLimit {
    private static final int RUNNING = 0;
    private static final int PUBLISHING = 1;
    private static final int EXPIRED = 2;

    /** The step's work, which calls {@code gate.open()} right before it writes anything others can see. */
    interface Step<T> {
        T run(Gate gate) throws IOException;
    }

    /** Whether the step may still publish. Thread-safe. */
    static final class Gate {
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        /** True once the step may publish; false when the limit has passed (the step must then write nothing). */
        boolean open() {
            return state.compareAndSet(RUNNING, PUBLISHING);
        }

        private boolean expire() {
            return state.compareAndSet(RUNNING, EXPIRED);
        }
    }

    /** Thrown when the limit passed before the step started publishing. */
    static final class Exceeded extends Exception {
        Exceeded(String message) {
            super(message);
        }
    }

    private TimeLimit() {}

    static <T> T run(String name, Duration limit, Step<T> step) throws Exceeded, IOException, InterruptedException {
        Gate gate = new Gate();
        FutureTask<T> task = new FutureTask<>(() -> step.run(gate));
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
        try {
            try {
                return task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (gate.expire()) {
                    task.cancel(true);
                    throw new Exceeded("exceeded its time limit of " + limit.toSeconds() + " s");
                }
                return task.get(); // publishing already: let it finish
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }
}
