package dev.kiln.api.neptune;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * StartMLModelTrainingJob ({@code POST /ml/modeltraining}): botocore's members plus {@code modelName},
 * {@code maxWaitTime} and {@code enableInterContainerTrafficEncryption}, which the modeltraining
 * command documents but the SDK model lacks.
 */
public record StartMLModelTrainingJobRequest(String id, String previousModelTrainingJobId, String dataProcessingJobId,
        String trainModelS3Location, String sagemakerIamRoleArn, String neptuneIamRoleArn, String modelName,
        String baseProcessingInstanceType, String trainingInstanceType, Integer trainingInstanceVolumeSizeInGB,
        Integer trainingTimeOutInSeconds, Integer maxHPONumberOfTrainingJobs, Integer maxHPOParallelTrainingJobs,
        List<String> subnets, List<String> securityGroupIds, String volumeEncryptionKMSKey,
        String s3OutputEncryptionKMSKey, Boolean enableInterContainerTrafficEncryption, Boolean enableManagedSpotTraining,
        Integer maxWaitTime, CustomModelTrainingParameters customModelTrainingParameters) {

    public static final Set<String> MODEL_NAMES = Set.of("rgcn", "kge", "transe", "distmult", "rotate", "custom");
    public static final String DEFAULT_INSTANCE_TYPE = "ml.p3.2xlarge";
    public static final int DEFAULT_TIMEOUT_SECONDS = 86_400;
    public static final int DEFAULT_MAX_HPO_JOBS = 2;
    public static final int DEFAULT_MAX_HPO_PARALLEL = 2;

    /** Checks the request; throws MissingParameterException or InvalidParameterException. */
    public StartMLModelTrainingJobRequest validate() {
        MlRequests.require("dataProcessingJobId", dataProcessingJobId);
        MlRequests.require("trainModelS3Location", trainModelS3Location);
        MlRequests.s3("trainModelS3Location", trainModelS3Location);
        MlRequests.atLeast("trainingInstanceVolumeSizeInGB", trainingInstanceVolumeSizeInGB, 0);
        MlRequests.atLeast("trainingTimeOutInSeconds", trainingTimeOutInSeconds, 1);
        MlRequests.atLeast("maxHPONumberOfTrainingJobs", maxHPONumberOfTrainingJobs, 1);
        MlRequests.atLeast("maxHPOParallelTrainingJobs", maxHPOParallelTrainingJobs, 1);
        MlRequests.atLeast("maxWaitTime", maxWaitTime, 1);
        if (id != null && id.isBlank()) {
            throw NeptuneMlException.invalidParameter("id must not be blank");
        }
        if (modelName != null && !MODEL_NAMES.contains(modelName)) {
            throw NeptuneMlException.invalidParameter("modelName must be one of rgcn, kge, transe, distmult, rotate, custom; got '"
                    + modelName + "'");
        }
        boolean custom = "custom".equals(modelName);
        if (custom && customModelTrainingParameters == null) {
            throw NeptuneMlException.missingParameter("customModelTrainingParameters (required when modelName is custom)");
        }
        if (customModelTrainingParameters != null) {
            if (!custom) {
                throw NeptuneMlException.invalidParameter("customModelTrainingParameters requires modelName custom");
            }
            MlRequests.require("customModelTrainingParameters.sourceS3DirectoryPath",
                    customModelTrainingParameters.sourceS3DirectoryPath());
            MlRequests.s3("customModelTrainingParameters.sourceS3DirectoryPath", customModelTrainingParameters.sourceS3DirectoryPath());
        }
        int timeout = trainingTimeOutInSeconds == null ? DEFAULT_TIMEOUT_SECONDS : trainingTimeOutInSeconds;
        if (maxWaitTime != null) {
            if (!Boolean.TRUE.equals(enableManagedSpotTraining)) {
                throw NeptuneMlException.invalidParameter("maxWaitTime applies only with enableManagedSpotTraining");
            }
            if (maxWaitTime <= timeout) {
                throw NeptuneMlException.invalidParameter("maxWaitTime (" + maxWaitTime
                        + ") must be greater than trainingTimeOutInSeconds (" + timeout + ")");
            }
        }
        return this;
    }

    /** The request with the service's defaults (modelName stays null: it follows the data-processing modelType). */
    public StartMLModelTrainingJobRequest withDefaults() {
        return new StartMLModelTrainingJobRequest(id == null ? UUID.randomUUID().toString() : id, previousModelTrainingJobId,
                dataProcessingJobId, trainModelS3Location, sagemakerIamRoleArn, neptuneIamRoleArn, modelName,
                baseProcessingInstanceType, trainingInstanceType == null ? DEFAULT_INSTANCE_TYPE : trainingInstanceType,
                trainingInstanceVolumeSizeInGB == null ? 0 : trainingInstanceVolumeSizeInGB,
                trainingTimeOutInSeconds == null ? DEFAULT_TIMEOUT_SECONDS : trainingTimeOutInSeconds,
                maxHPONumberOfTrainingJobs == null ? DEFAULT_MAX_HPO_JOBS : maxHPONumberOfTrainingJobs,
                maxHPOParallelTrainingJobs == null ? DEFAULT_MAX_HPO_PARALLEL : maxHPOParallelTrainingJobs, subnets,
                securityGroupIds, volumeEncryptionKMSKey, s3OutputEncryptionKMSKey,
                enableInterContainerTrafficEncryption == null ? Boolean.TRUE : enableInterContainerTrafficEncryption,
                enableManagedSpotTraining == null ? Boolean.FALSE : enableManagedSpotTraining, maxWaitTime,
                customModelTrainingParameters == null ? null : customModelTrainingParameters.withDefaults());
    }
}
