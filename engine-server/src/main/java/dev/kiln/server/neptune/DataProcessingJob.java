package dev.kiln.server.neptune;

import dev.kiln.api.neptune.StartMLDataProcessingJobRequest;

/** A stored data-processing job: the request with defaults, its ARN, status and what processing found. */
record DataProcessingJob(StartMLDataProcessingJobRequest request, String arn, long creationTimeInMillis, String status,
        String failureReason, ProcessedGraph graph) {

    static final String IN_PROGRESS = "InProgress";
    static final String COMPLETED = "Completed";
    static final String FAILED = "Failed";
    static final String STOPPED = "Stopped";

    String id() {
        return request.id();
    }

    DataProcessingJob ended(String newStatus, String reason, ProcessedGraph result) {
        return new DataProcessingJob(request, arn, creationTimeInMillis, newStatus, reason, result);
    }
}
