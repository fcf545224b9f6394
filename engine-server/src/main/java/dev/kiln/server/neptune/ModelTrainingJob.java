package dev.kiln.server.neptune;

import dev.kiln.api.neptune.StartMLModelTrainingJobRequest;
import java.util.Map;

/**
 * A stored model-training job: the request with defaults, the model it trains, its HPO (tuning) job,
 * and the transform step's outcome.
 *
 * @param bestTrainingJob the tuning job's best training job, once the transform step ran
 */
record ModelTrainingJob(StartMLModelTrainingJobRequest request, String arn, long creationTimeInMillis, String status,
        String failureReason, String modelName, String processedDataLocation, String tuningJobName, String tuningJobArn,
        String transformStatus, String bestTrainingJob, String bestTrainingJobArn, Map<String, String> bestHyperParameters,
        boolean stopRequested) {

    static final String IN_PROGRESS = "InProgress";
    static final String COMPLETED = "Completed";
    static final String FAILED = "Failed";
    static final String STOPPED = "Stopped";
    static final String STOPPING = "Stopping";

    String id() {
        return request.id();
    }

    boolean isTerminal() {
        return status.equals(COMPLETED) || status.equals(FAILED) || status.equals(STOPPED);
    }

    ModelTrainingJob ended(String newStatus, String reason, String transform) {
        return new ModelTrainingJob(request, arn, creationTimeInMillis, newStatus, reason, modelName, processedDataLocation,
                tuningJobName, tuningJobArn, transform, bestTrainingJob, bestTrainingJobArn, bestHyperParameters, stopRequested);
    }

    ModelTrainingJob transformed(String best, String bestArn, Map<String, String> hyperParameters) {
        return new ModelTrainingJob(request, arn, creationTimeInMillis, COMPLETED, null, modelName, processedDataLocation,
                tuningJobName, tuningJobArn, COMPLETED, best, bestArn, hyperParameters, stopRequested);
    }

    ModelTrainingJob stopping() {
        return new ModelTrainingJob(request, arn, creationTimeInMillis, isTerminal() ? status : STOPPING, failureReason,
                modelName, processedDataLocation, tuningJobName, tuningJobArn, transformStatus, bestTrainingJob,
                bestTrainingJobArn, bestHyperParameters, true);
    }
}
