package dev.kiln.api.neptune;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * StartMLDataProcessingJob ({@code POST /ml/dataprocessing}). Role, instance, KMS and VPC fields are
 * accepted and stored; the local engine has no use for them.
 */
public record StartMLDataProcessingJobRequest(String id, String previousDataProcessingJobId, String inputDataS3Location,
        String processedDataS3Location, String sagemakerIamRoleArn, String neptuneIamRoleArn,
        String processingInstanceType, Integer processingInstanceVolumeSizeInGB, Integer processingTimeOutInSeconds,
        String modelType, String configFileName, List<String> subnets, List<String> securityGroupIds,
        String volumeEncryptionKMSKey, String s3OutputEncryptionKMSKey) {

    public static final Set<String> MODEL_TYPES = Set.of("heterogeneous", "kge");
    public static final String DEFAULT_CONFIG_FILE = "training-data-configuration.json";

    /** Checks the request; throws MissingParameterException or InvalidParameterException. */
    public StartMLDataProcessingJobRequest validate() {
        MlRequests.require("inputDataS3Location", inputDataS3Location);
        MlRequests.require("processedDataS3Location", processedDataS3Location);
        MlRequests.s3("inputDataS3Location", inputDataS3Location);
        MlRequests.s3("processedDataS3Location", processedDataS3Location);
        MlRequests.atLeast("processingInstanceVolumeSizeInGB", processingInstanceVolumeSizeInGB, 0);
        MlRequests.atLeast("processingTimeOutInSeconds", processingTimeOutInSeconds, 1);
        if (modelType != null && !MODEL_TYPES.contains(modelType)) {
            throw NeptuneMlException.invalidParameter("modelType must be one of heterogeneous, kge; got '" + modelType + "'");
        }
        if (id != null && id.isBlank()) {
            throw NeptuneMlException.invalidParameter("id must not be blank");
        }
        return this;
    }

    /** The request with the service's defaults: a UUID id, the default config file name, timeout 86,400 s. */
    public StartMLDataProcessingJobRequest withDefaults() {
        return new StartMLDataProcessingJobRequest(id == null ? UUID.randomUUID().toString() : id,
                previousDataProcessingJobId, inputDataS3Location, processedDataS3Location, sagemakerIamRoleArn,
                neptuneIamRoleArn, processingInstanceType, processingInstanceVolumeSizeInGB == null ? 0
                        : processingInstanceVolumeSizeInGB, processingTimeOutInSeconds == null ? 86_400 : processingTimeOutInSeconds,
                modelType, configFileName == null ? DEFAULT_CONFIG_FILE : configFileName, subnets, securityGroupIds,
                volumeEncryptionKMSKey, s3OutputEncryptionKMSKey);
    }
}
