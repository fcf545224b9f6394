package dev.kiln.runtime.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.MetricData;
import dev.kiln.api.training.SecondaryStatus;
import dev.kiln.api.training.SecondaryStatusTransition;
import dev.kiln.api.training.TrainingJobStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything Kiln keeps about one training job: the request exactly as accepted plus the state that
 * DescribeTrainingJob reports, and the handles needed to stop it or to recover it after a crash.
 *
 * @param requestBaseDir directory that relative paths in the request (a TrainingImage path) resolve against
 * @param supervisor     the engine process that runs the job (null once the job has ended)
 * @param process        the job's own process (the training executable or child JVM), null when none runs
 * @param warnings       notes for the job log made at create time (for example a scaled-down instance type)
 * @param attempts       attempts started so far (a spot interruption or a retry starts another)
 * @param retriesUsed    RetryStrategy attempts used for infrastructure failures
 * @param trainedMillis  training time of the attempts that have ended
 * @param hostProcesses  the processes of every host of a cluster job (empty when none runs)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingJobRecord(
        String name,
        String arn,
        CreateTrainingJobRequest request,
        String requestBaseDir,
        TrainingJobStatus status,
        SecondaryStatus secondaryStatus,
        String failureReason,
        Instant creationTime,
        Instant trainingStartTime,
        Instant trainingEndTime,
        Instant lastModifiedTime,
        List<SecondaryStatusTransition> transitions,
        List<MetricData> finalMetrics,
        String modelArtifacts,
        Integer trainingTimeInSeconds,
        Integer billableTimeInSeconds,
        ProcessRef supervisor,
        ProcessRef process,
        StopRequest stopRequest,
        String tuningJobArn,
        List<String> warnings,
        Integer attempts,
        Integer retriesUsed,
        Long trainedMillis,
        List<ProcessRef> hostProcesses) {

    public TrainingJobRecord {
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        finalMetrics = finalMetrics == null ? List.of() : List.copyOf(finalMetrics);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        hostProcesses = hostProcesses == null ? List.of() : List.copyOf(hostProcesses);
    }

    /** A new job's record: InProgress/Starting, nothing run yet. */
    public static TrainingJobRecord created(String name, String arn, CreateTrainingJobRequest request, String requestBaseDir,
            Instant now, String modelArtifacts, String tuningJobArn, List<String> warnings) {
        return new TrainingJobRecord(name, arn, request, requestBaseDir, TrainingJobStatus.InProgress, SecondaryStatus.Starting,
                null, now, null, null, now, List.of(), List.of(), modelArtifacts, null, null, null, null, null, tuningJobArn,
                warnings, 0, 0, 0L, List.of());
    }

    @JsonIgnore
    public boolean isTerminal() {
        return status.isTerminal();
    }

    @JsonIgnore
    public int attemptCount() {
        return attempts == null ? 0 : attempts;
    }

    @JsonIgnore
    public int retriesUsedCount() {
        return retriesUsed == null ? 0 : retriesUsed;
    }

    @JsonIgnore
    public long trainedMillisTotal() {
        return trainedMillis == null ? 0 : trainedMillis;
    }

    /** Moves to a new secondary status, closing the open transition and opening the next one. */
    public TrainingJobRecord transition(TrainingJobStatus newStatus, SecondaryStatus newSecondary, String message, Instant at) {
        List<SecondaryStatusTransition> list = new ArrayList<>(transitions);
        if (!list.isEmpty()) {
            SecondaryStatusTransition last = list.get(list.size() - 1);
            if (last.endTime() == null) {
                list.set(list.size() - 1, new SecondaryStatusTransition(last.status(), last.startTime(), at, last.statusMessage()));
            }
        }
        list.add(new SecondaryStatusTransition(newSecondary.name(), at, newStatus.isTerminal() ? at : null, message));
        return with(b -> {
            b.status = newStatus;
            b.secondaryStatus = newSecondary;
            b.lastModifiedTime = at;
            b.transitions = list;
        });
    }

    public TrainingJobRecord withFailureReason(String reason) {
        return with(b -> b.failureReason = reason);
    }

    /** Start and end of training with the training time taken from the interval (one attempt). */
    public TrainingJobRecord withTrainingTimes(Instant start, Instant end) {
        Integer seconds = start != null && end != null ? seconds(end.toEpochMilli() - start.toEpochMilli()) : null;
        return with(b -> {
            b.trainingStartTime = start;
            b.trainingEndTime = end;
            b.trainingTimeInSeconds = seconds;
            b.billableTimeInSeconds = seconds;
        });
    }

    /** Start and end of training with training and billable time accounted over several attempts. */
    public TrainingJobRecord withAccounting(Instant start, Instant end, long trainedMs, int billableSeconds) {
        return with(b -> {
            b.trainingStartTime = start;
            b.trainingEndTime = end;
            b.trainedMillis = trainedMs;
            b.trainingTimeInSeconds = seconds(trainedMs);
            b.billableTimeInSeconds = billableSeconds;
        });
    }

    /** The service reports at least one second for any job that trained. */
    public static int seconds(long millis) {
        return (int) Math.max(1, Math.round(millis / 1000.0));
    }

    /** The record as if created at {@code at} (imports and tests of time limits). */
    public TrainingJobRecord withCreationTime(Instant at) {
        return with(b -> b.creationTime = at);
    }

    public TrainingJobRecord withFinalMetrics(List<MetricData> metrics) {
        return with(b -> b.finalMetrics = metrics);
    }

    public TrainingJobRecord withModelArtifacts(String uri) {
        return with(b -> b.modelArtifacts = uri);
    }

    public TrainingJobRecord withSupervisor(ProcessRef ref) {
        return with(b -> b.supervisor = ref);
    }

    public TrainingJobRecord withProcess(ProcessRef ref) {
        return with(b -> b.process = ref);
    }

    public TrainingJobRecord withHostProcesses(List<ProcessRef> refs) {
        return with(b -> b.hostProcesses = refs);
    }

    public TrainingJobRecord withStopRequest(StopRequest stop) {
        return with(b -> b.stopRequest = stop);
    }

    public TrainingJobRecord withAttempt(int attemptsStarted, int retries, long trainedMs) {
        return with(b -> {
            b.attempts = attemptsStarted;
            b.retriesUsed = retries;
            b.trainedMillis = trainedMs;
        });
    }

    private TrainingJobRecord with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** A mutable copy, so each "with" method names only what it changes. */
    private static final class Builder {
        String name;
        String arn;
        CreateTrainingJobRequest request;
        String requestBaseDir;
        TrainingJobStatus status;
        SecondaryStatus secondaryStatus;
        String failureReason;
        Instant creationTime;
        Instant trainingStartTime;
        Instant trainingEndTime;
        Instant lastModifiedTime;
        List<SecondaryStatusTransition> transitions;
        List<MetricData> finalMetrics;
        String modelArtifacts;
        Integer trainingTimeInSeconds;
        Integer billableTimeInSeconds;
        ProcessRef supervisor;
        ProcessRef process;
        StopRequest stopRequest;
        String tuningJobArn;
        List<String> warnings;
        Integer attempts;
        Integer retriesUsed;
        Long trainedMillis;
        List<ProcessRef> hostProcesses;

        Builder(TrainingJobRecord r) {
            name = r.name;
            arn = r.arn;
            request = r.request;
            requestBaseDir = r.requestBaseDir;
            status = r.status;
            secondaryStatus = r.secondaryStatus;
            failureReason = r.failureReason;
            creationTime = r.creationTime;
            trainingStartTime = r.trainingStartTime;
            trainingEndTime = r.trainingEndTime;
            lastModifiedTime = r.lastModifiedTime;
            transitions = r.transitions;
            finalMetrics = r.finalMetrics;
            modelArtifacts = r.modelArtifacts;
            trainingTimeInSeconds = r.trainingTimeInSeconds;
            billableTimeInSeconds = r.billableTimeInSeconds;
            supervisor = r.supervisor;
            process = r.process;
            stopRequest = r.stopRequest;
            tuningJobArn = r.tuningJobArn;
            warnings = r.warnings;
            attempts = r.attempts;
            retriesUsed = r.retriesUsed;
            trainedMillis = r.trainedMillis;
            hostProcesses = r.hostProcesses;
        }

        TrainingJobRecord build() {
            return new TrainingJobRecord(name, arn, request, requestBaseDir, status, secondaryStatus, failureReason,
                    creationTime, trainingStartTime, trainingEndTime, lastModifiedTime, transitions, finalMetrics,
                    modelArtifacts, trainingTimeInSeconds, billableTimeInSeconds, supervisor, process, stopRequest,
                    tuningJobArn, warnings, attempts, retriesUsed, trainedMillis, hostProcesses);
        }
    }
}
