package dev.kiln.runtime.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.MetricData;
import dev.kiln.api.training.SecondaryStatus;
import dev.kiln.api.training.SecondaryStatusTransition;
import dev.kiln.api.training.TrainingJobStatus;
import java.time.Instant;
import java.util.List;

/**
 * Everything Kiln keeps about one training job: the request exactly as accepted plus the state that
 * DescribeTrainingJob reports, and the handles needed to stop it or to recover it after a crash.
 *
 * @param requestBaseDir directory that relative paths in the request (a TrainingImage path) resolve against
 * @param supervisor     the engine process that runs the job (null once the job has ended)
 * @param process        the job's own process (the training executable or child JVM), null when none runs
 * @param warnings       notes for the job log made at create time (for example a scaled-down instance type)
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
        List<String> warnings) {

    public TrainingJobRecord {
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        finalMetrics = finalMetrics == null ? List.of() : List.copyOf(finalMetrics);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isTerminal() {
        return status.isTerminal();
    }

    /** Moves to a new secondary status, closing the open transition and opening the next one. */
    public TrainingJobRecord transition(TrainingJobStatus newStatus, SecondaryStatus newSecondary, String message, Instant at) {
        List<SecondaryStatusTransition> list = new java.util.ArrayList<>(transitions);
        if (!list.isEmpty()) {
            SecondaryStatusTransition last = list.get(list.size() - 1);
            if (last.endTime() == null) {
                list.set(list.size() - 1, new SecondaryStatusTransition(last.status(), last.startTime(), at, last.statusMessage()));
            }
        }
        boolean terminal = newStatus.isTerminal();
        list.add(new SecondaryStatusTransition(newSecondary.name(), at, terminal ? at : null, message));
        return new TrainingJobRecord(name, arn, request, requestBaseDir, newStatus, newSecondary, failureReason,
                creationTime, trainingStartTime, trainingEndTime, at, list, finalMetrics, modelArtifacts,
                trainingTimeInSeconds, billableTimeInSeconds, supervisor, process, stopRequest, tuningJobArn, warnings);
    }

    public TrainingJobRecord withFailureReason(String reason) {
        return new TrainingJobRecord(name, arn, request, requestBaseDir, status, secondaryStatus, reason,
                creationTime, trainingStartTime, trainingEndTime, lastModifiedTime, transitions, finalMetrics, modelArtifacts,
                trainingTimeInSeconds, billableTimeInSeconds, supervisor, process, stopRequest, tuningJobArn, warnings);
    }

    public TrainingJobRecord withTrainingTimes(Instant start, Instant end) {
        Integer seconds = null;
        if (start != null && end != null) {
            // The service reports at least one second for any job that trained.
            seconds = (int) Math.max(1, Math.round((end.toEpochMilli() - start.toEpochMilli()) / 1000.0));
        }
        return new TrainingJobRecord(name, arn, request, requestBaseDir, status, secondaryStatus, failureReason,
                creationTime, start, end, lastModifiedTime, transitions, finalMetrics, modelArtifacts,
                seconds, seconds, supervisor, process, stopRequest, tuningJobArn, warnings);
    }

    public TrainingJobRecord withFinalMetrics(List<MetricData> metrics) {
        return new TrainingJobRecord(name, arn, request, requestBaseDir, status, secondaryStatus, failureReason,
                creationTime, trainingStartTime, trainingEndTime, lastModifiedTime, transitions, metrics, modelArtifacts,
                trainingTimeInSeconds, billableTimeInSeconds, supervisor, process, stopRequest, tuningJobArn, warnings);
    }

    public TrainingJobRecord withModelArtifacts(String uri) {
        return new TrainingJobRecord(name, arn, request, requestBaseDir, status, secondaryStatus, failureReason,
                creationTime, trainingStartTime, trainingEndTime, lastModifiedTime, transitions, finalMetrics, uri,
                trainingTimeInSeconds, billableTimeInSeconds, supervisor, process, stopRequest, tuningJobArn, warnings);
    }

    public TrainingJobRecord withSupervisor(ProcessRef ref) {
        return new TrainingJobRecord(name, arn, request, requestBaseDir, status, secondaryStatus, failureReason,
                creationTime, trainingStartTime, trainingEndTime, lastModifiedTime, transitions, finalMetrics, modelArtifacts,
                trainingTimeInSeconds, billableTimeInSeconds, ref, process, stopRequest, tuningJobArn, warnings);
    }

    public TrainingJobRecord withProcess(ProcessRef ref) {
        return new TrainingJobRecord(name, arn, request, requestBaseDir, status, secondaryStatus, failureReason,
                creationTime, trainingStartTime, trainingEndTime, lastModifiedTime, transitions, finalMetrics, modelArtifacts,
                trainingTimeInSeconds, billableTimeInSeconds, supervisor, ref, stopRequest, tuningJobArn, warnings);
    }

    public TrainingJobRecord withStopRequest(StopRequest stop) {
        return new TrainingJobRecord(name, arn, request, requestBaseDir, status, secondaryStatus, failureReason,
                creationTime, trainingStartTime, trainingEndTime, lastModifiedTime, transitions, finalMetrics, modelArtifacts,
                trainingTimeInSeconds, billableTimeInSeconds, supervisor, process, stop, tuningJobArn, warnings);
    }
}
