package dev.kiln.runtime.exec;

import dev.kiln.runtime.store.ProcessRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The hosts of one job seen as one program: it ends when every host has ended; when a host fails,
 * the others are sent SIGTERM and, after the grace period, SIGKILL, and the job's exit status is the
 * failing host's, as one instance failing fails the whole training job in the service.
 */
public final class ClusterProcess implements JobProcess {
    private final List<String> names;
    private final List<JobProcess> hosts;
    private final Duration grace;
    private final Integer[] exits;
    private int failed = -1;
    private Instant killAt;

    public ClusterProcess(List<String> names, List<JobProcess> hosts, Duration grace) {
        if (names.size() != hosts.size() || hosts.isEmpty()) {
            throw new IllegalArgumentException("one name per host");
        }
        this.names = List.copyOf(names);
        this.hosts = List.copyOf(hosts);
        this.grace = grace;
        this.exits = new Integer[hosts.size()];
    }

    /** The first host's process (the one single-host code paths expect). */
    @Override
    public ProcessRef ref() {
        return hosts.get(0).ref();
    }

    /** Every host's process that has one. */
    public List<ProcessRef> refs() {
        List<ProcessRef> refs = new ArrayList<>();
        hosts.stream().map(JobProcess::ref).filter(Objects::nonNull).forEach(refs::add);
        return refs;
    }

    @Override
    public synchronized OptionalInt waitFor(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            boolean all = true;
            for (int i = 0; i < hosts.size(); i++) {
                if (exits[i] == null) {
                    OptionalInt e = hosts.get(i).waitFor(Duration.ZERO);
                    if (e.isPresent()) {
                        exits[i] = e.getAsInt();
                        if (exits[i] != 0 && failed < 0) {
                            failed = i;
                            stopOthers();
                        }
                    } else {
                        all = false;
                    }
                }
            }
            if (all) {
                return OptionalInt.of(failed >= 0 ? exits[failed] : 0);
            }
            if (killAt != null && !Instant.now().isBefore(killAt)) {
                hosts.forEach(JobProcess::kill);
                killAt = null;
            }
            if (!Instant.now().isBefore(deadline)) {
                return OptionalInt.empty();
            }
            Thread.sleep(Math.min(20, Math.max(1, Duration.between(Instant.now(), deadline).toMillis())));
        }
    }

    private void stopOthers() {
        for (int i = 0; i < hosts.size(); i++) {
            if (exits[i] == null) {
                hosts.get(i).terminate();
            }
        }
        killAt = Instant.now().plus(grace);
    }

    /** Index of the host whose failure ended the job, or 0. */
    public synchronized int failedHost() {
        return Math.max(failed, 0);
    }

    @Override
    public void terminate() {
        hosts.forEach(JobProcess::terminate);
    }

    @Override
    public void kill() {
        hosts.forEach(JobProcess::kill);
    }

    @Override
    public synchronized String describeExit(int code) {
        int i = failedHost();
        String what = hosts.get(i).describeExit(code);
        return hosts.size() == 1 ? what : "host " + names.get(i) + ": " + what;
    }
}
