package dev.kiln.runtime.exec;

import dev.kiln.runtime.store.ProcessRef;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A training program started as a local process in its own session, with exactly the environment it
 * is given (a container does not inherit the host's environment either), stdout and stderr merged
 * and pumped line by line into a sink.
 */
public final class LocalProcess implements JobProcess {
    private final Process process;
    private final ProcessRef ref;
    private final Thread out;

    private LocalProcess(Process process, OutputSink sink) {
        this.process = process;
        this.ref = ProcessRef.of(process.toHandle());
        this.out = OutputPump.start("job-output-" + process.pid(), process.getInputStream(), sink);
    }

    public static LocalProcess start(List<String> command, Map<String, String> environment, Path workDir, OutputSink sink)
            throws IOException {
        return start(command, environment, workDir, sink, List.of());
    }

    /** Starts with a wrapper before the command (for example {@link NetworkIsolation#prefix()}). */
    public static LocalProcess start(List<String> command, Map<String, String> environment, Path workDir, OutputSink sink,
            List<String> wrapper) throws IOException {
        List<String> full = new ArrayList<>(ProcessTree.sessionPrefix());
        full.addAll(wrapper);
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full).directory(workDir.toFile());
        pb.environment().clear();
        pb.environment().putAll(environment);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // One pipe for both streams keeps lines in the order the program wrote them, as a
        // container's log stream does; metrics scraped from both then end on the truly last value.
        pb.redirectErrorStream(true);
        return new LocalProcess(pb.start(), sink);
    }

    @Override
    public ProcessRef ref() {
        return ref;
    }

    @Override
    public OptionalInt waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return OptionalInt.empty();
        }
        // Background children may hold the pipes open; do not wait on them forever.
        out.join(2000);
        return OptionalInt.of(process.exitValue());
    }

    @Override
    public void terminate() {
        ProcessTree.terminate(ref);
    }

    @Override
    public void kill() {
        ProcessTree.kill(ref);
    }

    @Override
    public String describeExit(int code) {
        return code > 128 && code < 160 ? "killed by signal " + (code - 128) : "exit code " + code;
    }
}
