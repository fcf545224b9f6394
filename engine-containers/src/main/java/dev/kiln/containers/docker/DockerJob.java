package dev.kiln.containers.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.WaitResponse;
import dev.kiln.runtime.exec.JobProcess;
import dev.kiln.runtime.exec.OutputSink;
import dev.kiln.runtime.store.ProcessRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The running containers of one job (one per host). The job ends when every host has exited 0, or
 * as soon as one host fails (the others are then killed, as the service ends a cluster whose host
 * failed). Once it has ended and every log is drained, its containers and network are removed,
 * unless they are kept for debugging.
 */
final class DockerJob implements JobProcess {
    /** How long a log stream may lag behind its container's exit before the rest is given up. */
    private static final Duration LOG_DRAIN = Duration.ofSeconds(5);
    private static final int SIGKILL_EXIT = 137;
    private static final Duration ATTACH_TIMEOUT = Duration.ofSeconds(30);

    /** One host's container and what is known of it. */
    static final class Host {
        final String name;
        final String containerId;
        final long memoryBytes;
        final CompletableFuture<Integer> exit = new CompletableFuture<>();
        final CountDownLatch logsDone = new CountDownLatch(1);
        volatile boolean oomKilled;

        Host(String name, String containerId, long memoryBytes) {
            this.name = name;
            this.containerId = containerId;
            this.memoryBytes = memoryBytes;
        }
    }

    private final DockerClient client;
    private final List<Host> hosts;
    private final String networkId;
    private final boolean keep;
    private Integer result;
    private Host failedHost;
    private boolean removed;

    DockerJob(DockerClient client, List<Host> hosts, String networkId, boolean keep) {
        this.client = client;
        this.hosts = List.copyOf(hosts);
        this.networkId = networkId;
        this.keep = keep;
    }

    /**
     * Attaches {@code sink} to the host's output. Called before the container starts, so no line is
     * missed; an attached stream also hands lines on as written, where following the log file can lag.
     */
    void attach(Host h, OutputSink sink) throws InterruptedException {
        LogLines lines = new LogLines(sink);
        ResultCallback.Adapter<Frame> stream = client.attachContainerCmd(h.containerId)
                .withStdOut(true).withStdErr(true).withFollowStream(true).withLogs(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame f) {
                        lines.accept(f.getStreamType() == StreamType.STDERR ? 1 : 0, f.getPayload());
                    }

                    @Override
                    public void onError(Throwable t) {
                        end();
                    }

                    @Override
                    public void onComplete() {
                        end();
                    }

                    private void end() {
                        lines.finish();
                        h.logsDone.countDown();
                    }
                });
        if (!stream.awaitStarted(ATTACH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the engine did not attach to container " + h.containerId + " in time");
        }
    }

    /** Waits, on the engine, for the host's container to exit. */
    void watchExit(Host h) {
        client.waitContainerCmd(h.containerId).exec(new ResultCallback.Adapter<WaitResponse>() {
            @Override
            public void onNext(WaitResponse r) {
                h.exit.complete(r.getStatusCode());
            }

            @Override
            public void onError(Throwable t) {
                // The wait request broke (engine restart, container removed): ask the engine directly.
                h.exit.complete(exitFromInspect(h));
            }

            @Override
            public void onComplete() {
                if (!h.exit.isDone()) {
                    h.exit.complete(exitFromInspect(h));
                }
            }
        });
    }

    private Integer exitFromInspect(Host h) {
        try {
            InspectContainerResponse.ContainerState s = client.inspectContainerCmd(h.containerId).exec().getState();
            if (Boolean.TRUE.equals(s.getRunning())) {
                return null; // not ended: waitFor keeps asking
            }
            return s.getExitCodeLong() == null ? SIGKILL_EXIT : s.getExitCodeLong().intValue();
        } catch (NotFoundException gone) {
            return SIGKILL_EXIT;
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public ProcessRef ref() {
        return null;
    }

    @Override
    public synchronized OptionalInt waitFor(Duration timeout) throws InterruptedException {
        if (result != null) {
            return OptionalInt.of(result);
        }
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            boolean all = true;
            for (Host h : hosts) {
                Integer code = exitNow(h);
                if (code == null) {
                    all = false;
                } else if (code != 0) {
                    failedHost = h;
                    finish(code);
                    return OptionalInt.of(result);
                }
            }
            if (all) {
                finish(0);
                return OptionalInt.of(result);
            }
            long left = Duration.between(Instant.now(), deadline).toMillis();
            if (left <= 0) {
                return OptionalInt.empty();
            }
            Thread.sleep(Math.min(left, 20));
        }
    }

    /** The host's exit code if it has exited, else null; a broken wait is retried by asking the engine. */
    private Integer exitNow(Host h) throws InterruptedException {
        if (!h.exit.isDone()) {
            return null;
        }
        try {
            Integer code = h.exit.get();
            if (code == null) {
                code = exitFromInspect(h);
                if (code != null) {
                    h.exit.obtrudeValue(code);
                }
            }
            return code;
        } catch (ExecutionException e) {
            return SIGKILL_EXIT;
        }
    }

    /** The job has ended with {@code code}: stop the other hosts, drain the logs, then remove everything. */
    private void finish(int code) throws InterruptedException {
        for (Host h : hosts) {
            if (!h.exit.isDone()) {
                signal(h, "SIGKILL");
            }
        }
        drain();
        result = code;
        cleanUp();
    }

    private void drain() throws InterruptedException {
        Instant deadline = Instant.now().plus(LOG_DRAIN);
        for (Host h : hosts) {
            try {
                h.exit.get(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // the container is being killed; its exit status no longer matters
            }
            h.logsDone.await(Math.max(1, Duration.between(Instant.now(), deadline).toMillis()), TimeUnit.MILLISECONDS);
            try {
                h.oomKilled = Boolean.TRUE.equals(client.inspectContainerCmd(h.containerId).exec().getState().getOOMKilled());
            } catch (RuntimeException e) {
                // already removed
            }
        }
    }

    @Override
    public void terminate() {
        // docker stop semantics, split in two: SIGTERM now, SIGKILL when the supervisor's grace ends.
        for (Host h : hosts) {
            if (!h.exit.isDone()) {
                signal(h, "SIGTERM");
            }
        }
    }

    @Override
    public void kill() {
        for (Host h : hosts) {
            signal(h, "SIGKILL");
        }
        try {
            synchronized (this) {
                if (result == null) {
                    drain();
                }
                cleanUp();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cleanUp();
        }
    }

    private void signal(Host h, String signal) {
        try {
            client.killContainerCmd(h.containerId).withSignal(signal).exec();
        } catch (DockerException e) {
            // not running any more (409) or already removed (404)
        }
    }

    private synchronized void cleanUp() {
        if (removed || keep) {
            return;
        }
        removed = true;
        for (Host h : hosts) {
            Containers.removeQuietly(client, h.containerId);
        }
        if (networkId != null) {
            Containers.removeNetworkQuietly(client, networkId);
        }
    }

    @Override
    public String describeExit(int code) {
        Host h = failedHost;
        String where = hosts.size() > 1 && h != null ? "host " + h.name + ": " : "";
        String how = code > 128 && code < 160 ? "killed by signal " + (code - 128) : "exit code " + code;
        if (h != null && h.oomKilled) {
            how += " (the container ran out of memory: its limit is " + (h.memoryBytes >> 20) + " MiB)";
        }
        return where + how;
    }
}
