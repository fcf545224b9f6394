package dev.kiln.hpo.tuning;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.HyperParameterTuningJobStatus;
import dev.kiln.runtime.store.ProcessRef;
import java.time.Instant;
import java.util.List;

/**
 * Everything Kiln keeps about one tuning job besides its trials: the request as resolved (Autotune
 * applied), its status, the seed every strategy derives from, and the process orchestrating it.
 *
 * @param requestBaseDir    directory that relative paths in the request (a TrainingImage) resolve against
 * @param seed              RandomSeed, or the seed drawn at create time when the request has none
 * @param orchestrator      the process running the tuning job's loop; null when none does (it may be resumed)
 * @param stopRequestedAt   when StopHyperParameterTuningJob was called
 * @param completionReason  why the job stopped launching trials (a limit, a completion criterion)
 * @param notImproving      trials in a row (with an objective) that did not improve the best by more than 1%
 * @param convergenceDetectedTime when the convergence rule fired (CompleteOnConvergence Enabled)
 * @param notes             what Autotune chose and other remarks for the report
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TuningJobRecord(
        String name,
        String arn,
        CreateHyperParameterTuningJobRequest request,
        String requestBaseDir,
        HyperParameterTuningJobStatus status,
        String failureReason,
        Instant creationTime,
        Instant endTime,
        Instant lastModifiedTime,
        Long seed,
        ProcessRef orchestrator,
        Instant stopRequestedAt,
        String completionReason,
        Integer notImproving,
        Instant convergenceDetectedTime,
        List<String> notes) {

    public TuningJobRecord {
        notes = notes == null ? List.of() : List.copyOf(notes);
    }

    static TuningJobRecord created(String name, String arn, CreateHyperParameterTuningJobRequest request, String baseDir,
            long seed, Instant now, List<String> notes) {
        return new TuningJobRecord(name, arn, request, baseDir, HyperParameterTuningJobStatus.InProgress, null, now, null,
                now, seed, null, null, null, 0, null, notes);
    }

    @JsonIgnore
    public boolean isTerminal() {
        return status.isTerminal();
    }

    TuningJobRecord withStatus(HyperParameterTuningJobStatus s, Instant at) {
        return new TuningJobRecord(name, arn, request, requestBaseDir, s, failureReason, creationTime,
                s.isTerminal() ? at : endTime, at, seed, s.isTerminal() ? null : orchestrator, stopRequestedAt,
                completionReason, notImproving, convergenceDetectedTime, notes);
    }

    TuningJobRecord withFailureReason(String reason) {
        return new TuningJobRecord(name, arn, request, requestBaseDir, status, reason, creationTime, endTime,
                lastModifiedTime, seed, orchestrator, stopRequestedAt, completionReason, notImproving,
                convergenceDetectedTime, notes);
    }

    TuningJobRecord withOrchestrator(ProcessRef ref) {
        return new TuningJobRecord(name, arn, request, requestBaseDir, status, failureReason, creationTime, endTime,
                lastModifiedTime, seed, ref, stopRequestedAt, completionReason, notImproving, convergenceDetectedTime, notes);
    }

    TuningJobRecord withStopRequest(Instant at) {
        return new TuningJobRecord(name, arn, request, requestBaseDir, HyperParameterTuningJobStatus.Stopping,
                failureReason, creationTime, endTime, at, seed, orchestrator, at, completionReason, notImproving,
                convergenceDetectedTime, notes);
    }

    TuningJobRecord withProgress(String reason, int notImprovingNow, Instant convergedAt) {
        return new TuningJobRecord(name, arn, request, requestBaseDir, status, failureReason, creationTime, endTime,
                lastModifiedTime, seed, orchestrator, stopRequestedAt, reason, notImprovingNow, convergedAt, notes);
    }

    /** The record as if created at {@code at} (tests of MaxRuntimeInSeconds). */
    TuningJobRecord withCreationTime(Instant at) {
        return new TuningJobRecord(name, arn, request, requestBaseDir, status, failureReason, at, endTime,
                lastModifiedTime, seed, orchestrator, stopRequestedAt, completionReason, notImproving,
                convergenceDetectedTime, notes);
    }
}
