package dev.kiln.api.neptune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NeptuneRequestsTest {

    @Test
    void modelTrainingDefaultsFollowTheSeed() {
        StartMLModelTrainingJobRequest r = NeptuneJson.parse("""
                {"dataProcessingJobId": "dp-1", "trainModelS3Location": "s3://b/model"}""",
                StartMLModelTrainingJobRequest.class).validate().withDefaults();
        assertEquals(2, r.maxHPONumberOfTrainingJobs());
        assertEquals(2, r.maxHPOParallelTrainingJobs());
        assertEquals("ml.p3.2xlarge", r.trainingInstanceType());
        assertEquals(86_400, r.trainingTimeOutInSeconds());
        assertEquals(0, r.trainingInstanceVolumeSizeInGB());
        assertEquals(36, r.id().length(), "a UUID id");
    }

    @Test
    void missingRequiredFieldIsMissingParameter() {
        NeptuneMlException e = assertThrows(NeptuneMlException.class, () -> NeptuneJson.parse("""
                {"trainModelS3Location": "s3://b/model"}""", StartMLModelTrainingJobRequest.class).validate());
        assertEquals("MissingParameterException", e.errorCode());
        assertTrue(e.getMessage().contains("dataProcessingJobId"));
    }

    @Test
    void unknownFieldsAndWrongTypesAreRejected() {
        assertThrows(NeptuneMlException.class, () -> NeptuneJson.parse("""
                {"dataProcessingJobId": "d", "trainModelS3Location": "s3://b/m", "bogus": 1}""",
                StartMLModelTrainingJobRequest.class));
        assertThrows(NeptuneMlException.class, () -> NeptuneJson.parse("""
                {"dataProcessingJobId": "d", "trainModelS3Location": "s3://b/m", "maxHPONumberOfTrainingJobs": "2"}""",
                StartMLModelTrainingJobRequest.class));
    }

    @Test
    void spotWaitMustExceedTheTimeout() {
        NeptuneMlException e = assertThrows(NeptuneMlException.class, () -> NeptuneJson.parse("""
                {"dataProcessingJobId": "d", "trainModelS3Location": "s3://b/m", "enableManagedSpotTraining": true,
                 "trainingTimeOutInSeconds": 600, "maxWaitTime": 600}""", StartMLModelTrainingJobRequest.class).validate());
        assertEquals("InvalidParameterException", e.errorCode());
    }

    @Test
    void customModelNeedsItsParametersAndGetsDefaultEntryPoints() {
        assertThrows(NeptuneMlException.class, () -> NeptuneJson.parse("""
                {"dataProcessingJobId": "d", "trainModelS3Location": "s3://b/m", "modelName": "custom"}""",
                StartMLModelTrainingJobRequest.class).validate());
        StartMLModelTrainingJobRequest r = NeptuneJson.parse("""
                {"dataProcessingJobId": "d", "trainModelS3Location": "s3://b/m", "modelName": "custom",
                 "customModelTrainingParameters": {"sourceS3DirectoryPath": "s3://b/src"}}""",
                StartMLModelTrainingJobRequest.class).validate().withDefaults();
        assertEquals("training.py", r.customModelTrainingParameters().trainingEntryPointScript());
        assertEquals("transform.py", r.customModelTrainingParameters().transformEntryPointScript());
    }

    @Test
    void dataProcessingValidatesModelTypeAndDefaultsConfigFile() {
        assertThrows(NeptuneMlException.class, () -> NeptuneJson.parse("""
                {"inputDataS3Location": "s3://b/in", "processedDataS3Location": "s3://b/out", "modelType": "gnn"}""",
                StartMLDataProcessingJobRequest.class).validate());
        StartMLDataProcessingJobRequest r = NeptuneJson.parse("""
                {"inputDataS3Location": "s3://b/in", "processedDataS3Location": "s3://b/out", "modelType": "kge"}""",
                StartMLDataProcessingJobRequest.class).validate().withDefaults();
        assertEquals("training-data-configuration.json", r.configFileName());
        assertNotNull(r.id());
    }

    @Test
    void maxItemsDefaultsToTenAndCapsAt1024() {
        assertEquals(10, MlRequests.maxItems(null));
        assertEquals(1024, MlRequests.maxItems(1024));
        assertThrows(NeptuneMlException.class, () -> MlRequests.maxItems(1025));
        assertThrows(NeptuneMlException.class, () -> MlRequests.maxItems(0));
    }

    @Test
    void errorBodyUsesNeptuneFieldNames() throws Exception {
        String json = NeptuneJson.mapper().writeValueAsString(NeptuneMlException.notFound("no job x").body());
        assertTrue(json.contains("\"code\":\"MLResourceNotFoundException\""), json);
        assertTrue(json.contains("\"detailedMessage\":\"no job x\""), json);
        assertTrue(json.contains("\"requestId\""), json);
    }
}
