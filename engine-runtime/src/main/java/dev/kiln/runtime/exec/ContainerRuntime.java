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

    /**
     * Starts the job's container(s) and returns the running job. Output lines go to {@code sink};
     * {@link JobProcess#terminate()} must have {@code docker stop} semantics (SIGTERM) and
     * {@link JobProcess#kill()} must remove every container of the job.
     */
    JobProcess start(ContainerLaunch launch, OutputSink sink) throws IOException;

    /**
     * Removes containers (and networks) that belong to the Kiln home {@code kilnHome} but to no job in
     * {@code runningJobs}: leftovers of a crashed engine. Containers of other homes are left alone.
     */
    void removeOrphans(java.nio.file.Path kilnHome, Set<String> runningJobs);
}
