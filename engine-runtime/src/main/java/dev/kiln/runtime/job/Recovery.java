package dev.kiln.runtime.job;

import dev.kiln.api.training.SecondaryStatus;
import dev.kiln.api.training.TrainingJobStatus;
import dev.kiln.runtime.exec.ProcessTree;
import dev.kiln.runtime.store.JobStore;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Resolves jobs whose supervisor died (the engine was killed, the machine rebooted): their processes
 * are ended and the job is marked Failed (or Stopped, if a stop had been requested), so no record
 * stays InProgress forever and no training process runs unsupervised.
 */
final class Recovery {
    /** A job whose supervisor has not registered within this time after creation is treated as orphaned. */
    private static final Duration START_GRACE = Duration.ofSeconds(60);

    private Recovery() {}

    static int run(JobStore store) {
        int resolved = 0;
        List<TrainingJobRecord> unfinished = store.unfinished();
        Instant now = Instant.now();
        for (TrainingJobRecord job : unfinished) {
            boolean supervised = job.supervisor() != null
                    ? job.supervisor().isAlive()
                    : job.creationTime().plus(START_GRACE).isAfter(now);
            if (supervised) {
                continue;
            }
            if (job.process() != null && ProcessTree.groupAlive(job.process())) {
                ProcessTree.kill(job.process());
            }
            Instant at = Instant.now();
            store.update(job.name(), r -> {
                if (r.isTerminal()) {
                    return r;
                }
                TrainingJobRecord next;
                if (r.stopRequest() != null) {
                    next = r.transition(TrainingJobStatus.Stopped, SecondaryStatus.Stopped,
                            "Training job stopped (resolved after the engine restarted)", at);
                } else {
                    next = r.transition(TrainingJobStatus.Failed, SecondaryStatus.Failed, "Training job failed", at)
                            .withFailureReason("InternalServerError: the Kiln engine supervising this job stopped while "
                                    + "the job was running; its processes were ended when the engine started again.");
                }
                if (next.trainingStartTime() != null && next.trainingEndTime() == null) {
                    next = next.withTrainingTimes(next.trainingStartTime(), at);
                }
                return next.withProcess(null).withSupervisor(null);
            });
            resolved++;
        }
        return resolved;
    }
}
