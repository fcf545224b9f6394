package dev.kiln.server.neptune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.neptune.GetMLModelTrainingJobResponse;
import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.NeptuneMlException;
import dev.kiln.api.neptune.StartMLModelTrainingJobRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTrainingIT extends KinshipProcessedFixture {

    private StartMLModelTrainingJobRequest request(String id, String extra) {
        return NeptuneJson.parse("{\"id\": \"" + id + "\", \"dataProcessingJobId\": \"dp\", \"trainModelS3Location\": \""
                + NeptuneFixtures.uri(tmp.resolve("model-" + id)) + "\", \"trainingInstanceType\": \"ml.m5.large\""
                + extra + "}", StartMLModelTrainingJobRequest.class);
    }

    @Test
    void tunesTransformsAndTrainsIncrementallyOnKinship() throws Exception {
        service.startModelTraining(request("mt-1", ", \"maxHPONumberOfTrainingJobs\": 2, \"maxHPOParallelTrainingJobs\": 1"));
        GetMLModelTrainingJobResponse done = service.awaitModelTraining("mt-1", Duration.ofMinutes(5));
        assertEquals("Completed", done.status(), NeptuneJson.pretty(done));
        assertEquals("Completed", done.hpoJob().status());
        assertEquals("Completed", done.modelTransformJob().status());
        assertEquals(1, done.mlModels().size());
        Path model = tmp.resolve("model-mt-1");
        for (String f : List.of("entity_embeddings.bin", "relation_embeddings.bin", "entities.tsv", "relations.tsv",
                "best-training-job.json")) {
            assertTrue(Files.isRegularFile(model.resolve(f)), f);
        }
        assertEquals(2, tuning.trials(done.hpoJob().name()).size(), "the HPO step is a tuning job with the budget's trials");
        assertEquals("transe", tuning.record(done.hpoJob().name()).request().trainingJobDefinition()
                .algorithmSpecification().algorithmName());

        service.startModelTraining(request("mt-2", ", \"maxHPONumberOfTrainingJobs\": 1, \"previousModelTrainingJobId\": \"mt-1\""));
        GetMLModelTrainingJobResponse incremental = service.awaitModelTraining("mt-2", Duration.ofMinutes(5));
        assertEquals("Completed", incremental.status(), NeptuneJson.pretty(incremental));
        var next = tuning.record(incremental.hpoJob().name()).request();
        assertNotNull(next.warmStartConfig(), "warm-started from mt-1");
        assertTrue(next.trainingJobDefinition().inputDataConfig().stream().anyMatch(c -> c.channelName().equals("model")
                && c.dataSource().s3DataSource().s3Uri().endsWith("/model.tar.gz")), "the previous best model is channel model");
        assertNotNull(next.trainingJobDefinition().staticHyperParameters().get("num-hidden"), "num-hidden fixed");
        assertEquals(List.of("mt-2"), service.listModelTraining(1).ids());
    }

    @Test
    void dataProcessingJobMustExistAndBeCompleted() throws Exception {
        assertEquals("MLResourceNotFoundException", assertThrows(NeptuneMlException.class, () -> service.startModelTraining(
                NeptuneJson.parse("{\"dataProcessingJobId\": \"nope\", \"trainModelS3Location\": \"s3://kiln-test/m\"}",
                        StartMLModelTrainingJobRequest.class))).errorCode());
        Path bad = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(bad.resolve("g.tsv"), "only-two\tfields\n");
        service.startDataProcessing(NeptuneFixtures.dataProcessing("dp-bad", bad, tmp.resolve("bad-out")));
        NeptuneMlException e = assertThrows(NeptuneMlException.class, () -> service.startModelTraining(
                NeptuneJson.parse("{\"dataProcessingJobId\": \"dp-bad\", \"trainModelS3Location\": \"s3://kiln-test/m\"}",
                        StartMLModelTrainingJobRequest.class)));
        assertEquals("BadRequestException", e.errorCode());
        assertTrue(e.getMessage().contains("Failed"), e.getMessage());
    }

    @Test
    void anEditedConfigurationNextToTheProcessedGraphWins() throws Exception {
        Path config = tmp.resolve("processed/model-hpo-configuration.json");
        assertTrue(Files.isRegularFile(config), "data processing writes the defaults");
        Files.writeString(config, Files.readString(config).replaceFirst("\"range\"\\s*:\\s*\\[\\s*5,\\s*20\\s*\\]", "\"range\": [2, 3]"));
        service.startModelTraining(request("mt-e", ", \"maxHPONumberOfTrainingJobs\": 1"));
        var ranges = tuning.record(HpoJobRequests.tuningJobName("mt-e")).request().hyperParameterTuningJobConfig()
                .parameterRanges().integerParameterRanges();
        assertEquals("num-epochs", ranges.get(0).name());
        assertEquals("3", ranges.get(0).maxValue());
        service.cancelModelTraining("mt-e", false);
        assertEquals("Stopped", service.awaitModelTraining("mt-e", Duration.ofMinutes(2)).status());
    }

    @Test
    void securityFieldsReachTheTuningJobAsSageMakersOwn() throws Exception {
        service.startModelTraining(request("mt-k", ", \"maxHPONumberOfTrainingJobs\": 1, \"subnets\": [\"subnet-0a1b\"], "
                + "\"securityGroupIds\": [\"sg-0c2d\"], \"volumeEncryptionKMSKey\": \"arn:aws:kms:us-east-1:111122223333:key/v\", "
                + "\"s3OutputEncryptionKMSKey\": \"arn:aws:kms:us-east-1:111122223333:key/o\", "
                + "\"enableInterContainerTrafficEncryption\": false, \"baseProcessingInstanceType\": \"ml.r5.large\", "
                + "\"neptuneIamRoleArn\": \"arn:aws:iam::111122223333:role/N\", "
                + "\"sagemakerIamRoleArn\": \"arn:aws:iam::111122223333:role/S\""));
        var def = tuning.record(HpoJobRequests.tuningJobName("mt-k")).request().trainingJobDefinition();
        assertEquals(List.of("subnet-0a1b"), def.vpcConfig().subnets());
        assertEquals(List.of("sg-0c2d"), def.vpcConfig().securityGroupIds());
        assertEquals("arn:aws:kms:us-east-1:111122223333:key/v", def.resourceConfig().volumeKmsKeyId());
        assertEquals("arn:aws:kms:us-east-1:111122223333:key/o", def.outputDataConfig().kmsKeyId());
        assertEquals(Boolean.FALSE, def.enableInterContainerTrafficEncryption());
        assertEquals("arn:aws:iam::111122223333:role/S", def.roleArn());
        service.cancelModelTraining("mt-k", false);
        assertEquals("Stopped", service.awaitModelTraining("mt-k", Duration.ofMinutes(2)).status());
    }

    @Test
    void rgcnIsRefusedOnKnowledgeGraphData() {
        assertThrows(NeptuneMlException.class, () -> service.startModelTraining(request("mt-r", ", \"modelName\": \"rgcn\"")));
    }

    @Test
    void stopWithCleanStopsTheHpoJobAndDeletesArtifacts() throws Exception {
        service.startModelTraining(request("mt-s", ", \"maxHPONumberOfTrainingJobs\": 4, \"maxHPOParallelTrainingJobs\": 1"));
        Path model = Files.createDirectories(tmp.resolve("model-mt-s"));
        Files.writeString(model.resolve("leftover"), "x");
        String status = service.cancelModelTraining("mt-s", true).status();
        assertTrue(List.of("Stopping", "Stopped").contains(status), status);
        assertFalse(Files.exists(model));
        GetMLModelTrainingJobResponse end = service.awaitModelTraining("mt-s", Duration.ofMinutes(2));
        assertEquals("Stopped", end.status(), NeptuneJson.pretty(end));
        assertEquals("Stopped", end.hpoJob().status());
    }
}
