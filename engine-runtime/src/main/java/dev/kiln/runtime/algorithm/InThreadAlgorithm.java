package dev.kiln.runtime.algorithm;

import dev.kiln.runtime.exec.JobProcess;
import dev.kiln.runtime.exec.OutputSink;
import dev.kiln.runtime.store.ProcessRef;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an in-process algorithm on a thread of the engine (for tests and debugging): the same context
 * and log handling as the child JVM, but no process to kill, so a stop relies on the algorithm
 * honouring its stop signal.
 */
public final class InThreadAlgorithm implements JobProcess {
    private final StopFlag stop = new StopFlag();
    private final Thread thread;
    private final AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);

    private InThreadAlgorithm(String algorithmName, Map<String, String> env, OutputSink sink) {
        PrintStream log = new PrintStream(new LineOutputStream(sink), true, StandardCharsets.UTF_8);
        this.thread = new Thread(() -> {
            int code = AlgorithmMain.run(algorithmName, env, log, stop);
            log.flush();
            exit.set(code);
        }, "algorithm-" + env.getOrDefault("TRAINING_JOB_NAME", algorithmName));
        thread.setDaemon(true);
    }

    public static InThreadAlgorithm start(String algorithmName, Map<String, String> env, OutputSink sink) {
        InThreadAlgorithm a = new InThreadAlgorithm(algorithmName, env, sink);
        a.thread.start();
        return a;
    }

    @Override
    public ProcessRef ref() {
        return null;
    }

    @Override
    public OptionalInt waitFor(Duration timeout) throws InterruptedException {
        thread.join(Math.max(1, timeout.toMillis()));
        return thread.isAlive() ? OptionalInt.empty() : OptionalInt.of(exit.get());
    }

    @Override
    public void terminate() {
        stop.raise();
    }

    @Override
    public void kill() {
        stop.raise();
        thread.interrupt();
    }

    @Override
    public String describeExit(int code) {
        return "exit code " + code;
    }

    /** Splits written bytes into lines for the sink. */
    private static final class LineOutputStream extends OutputStream {
        private final OutputSink sink;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        LineOutputStream(OutputSink sink) {
            this.sink = sink;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                sink.line(buffer.toString(StandardCharsets.UTF_8));
                buffer.reset();
            } else {
                buffer.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            // Lines are delivered on newline; a partial line waits for its end.
        }
    }
}
