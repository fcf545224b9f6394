package dev.kiln.runtime.job;

import dev.kiln.api.training.SecondaryStatus;
import dev.kiln.api.training.SecondaryStatusTransition;
import dev.kiln.api.training.TrainingJobStatus;
import dev.kiln.runtime.exec.ProcessTree;
import dev.kiln.runtime.store.JobStore;
import dev.kiln.runtime.store.TrainingJobRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves jobs whose supervisor died (the engine was killed, the machine rebooted): their processes
 * are ended, and the job is restarted when its RetryStrategy has attempts left (an engine failure is
 * an infrastructure failure), else marked Failed (or Stopped, if a stop had been requested). No
 * record stays InProgress forever and no training process runs unsupervised.
 */
final class Recovery {
    /** A job whose supervisor has not registered within this time after its last change is treated as orphaned. */
    private static final Duration START_GRACE = Duration.ofSeconds(60);

    private Recovery() {}

    /** The outcome: how many jobs were resolved, and which of them must be started again. */
    record Result(int resolved, List<String> restart) {}

    static Result run(JobStore store) {
        int resolved = 0;
        List<String> restart = new ArrayList<>();
        Instant now = Instant.now();
        for (TrainingJobRecord job : store.unfinished()) {
            boolean supervised = job.supervisor() != null
                    ? job.supervisor().isAlive()
                    : job.lastModifiedTime().plus(START_GRACE).isAfter(now);
            if (supervised) {
                continue;
            }
            if (job.process() != null && ProcessTree.groupAlive(job.process())) {
                ProcessTree.kill(job.process());
            }
            job.hostProcesses().stream().filter(ProcessTree::groupAlive).forEach(ProcessTree::kill);
            Instant at = Instant.now();
            int maxRetries = job.request().retryStrategy() == null
                    || job.request().retryStrategy().maximumRetryAttempts() == null ? 0
                    : job.request().retryStrategy().maximumRetryAttempts();
            TrainingJobRecord after = store.update(job.name(), r -> {
                if (r.isTerminal() || (r.supervisor() != null && r.supervisor().isAlive())) {
                    return r;
                }
                long trained = r.trainedMillisTotal() + runningTrainingMillis(r, at);
                if (r.stopRequest() == null && r.retriesUsedCount() < maxRetries) {
                    int retry = r.retriesUsedCount() + 1;
                    return r.withAttempt(r.attemptCount(), retry, trained)
                            .transition(TrainingJobStatus.InProgress, SecondaryStatus.Restarting,
                                    "Restarting the training job: the engine supervising it stopped (retry " + retry + ")", at)
                            .withProcess(null).withHostProcesses(List.of()).withSupervisor(null);
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
                    next = next.withAccounting(next.trainingStartTime(), at, trained, TrainingJobRecord.seconds(trained));
                }
                return next.withProcess(null).withHostProcesses(List.of()).withSupervisor(null);
            });
            if (after.status() == TrainingJobStatus.InProgress) {
                restart.add(after.name());
            }
            resolved++;
        }
        return new Result(resolved, restart);
    }

    /** Training time of an attempt that was cut off: from its Training transition until now. */
    private static long runningTrainingMillis(TrainingJobRecord r, Instant now) {
        if (r.secondaryStatus() != SecondaryStatus.Training && r.secondaryStatus() != SecondaryStatus.Stopping) {
            return 0;
        }
        List<SecondaryStatusTransition> t = r.transitions();
        for (int i = t.size() - 1; i >= 0; i--) {
            if ("Training".equals(t.get(i).status())) {
                return Math.max(0, now.toEpochMilli() - t.get(i).startTime().toEpochMilli());
            }
        }
        return 0;
    }
}
