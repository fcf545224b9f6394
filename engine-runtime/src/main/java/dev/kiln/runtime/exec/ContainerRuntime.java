package dev.kiln.runtime.exec;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Runs training images as containers. Implementations (the Docker executor in engine-containers)
 * are found with {@link java.util.ServiceLoader}; without one, a TrainingImage that names a
 * container image is refused at create time.
 */
public interface ContainerRuntime {

    /** Short name for logs, for example {@code docker}. */
    String name();

    /**
     * Empty when the runtime can start containers now; otherwise why not (no engine reachable, ...).
     * A job whose runtime is unavailable fails with this reason.
     */
    Optional<String> unavailableReason();

    /** As {@link #unavailableReason()}, with the settings of the Kiln home the job runs in. */
    default Optional<String> unavailableReason(java.nio.file.Path kilnHome) {
        return unavailableReason();
    }

    /**
     * Starts the job's container(s) and returns the running job. Output lines go to {@code sink};
     * {@link JobProcess#terminate()} must have {@code docker stop} semantics (SIGTERM) and
     * {@link JobProcess#kill()} must remove every container of the job.
     */
    JobProcess start(ContainerLaunch launch, OutputSink sink) throws IOException;

    /**
     * Starts one container per host of a job (InstanceCount > 1 or InstanceGroups), reachable from
     * each other by host name. The job ends when every host has ended, or when one fails. The default
     * supports a single host only.
     *
     * @param sinks the output sink of each host, by host name
     */
    default JobProcess startCluster(java.util.List<ContainerLaunch> hosts,
            java.util.function.Function<String, OutputSink> sinks) throws IOException {
        if (hosts.size() != 1) {
            throw new ContainerStartException(name() + " cannot run multi-host jobs");
        }
        return start(hosts.get(0), sinks.apply(hosts.get(0).host().currentHost()));
    }

    /**
     * Removes containers (and networks) that belong to the Kiln home {@code kilnHome} but to no job in
     * {@code runningJobs}: leftovers of a crashed engine. Containers of other homes are left alone.
     */
    void removeOrphans(java.nio.file.Path kilnHome, Set<String> runningJobs);
}
