package dev.kiln.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.server.http.testing.EndpointFixture;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.neptunedata.NeptunedataClient;
import software.amazon.awssdk.services.neptunedata.model.GetMlModelTrainingJobResponse;
import software.amazon.awssdk.services.neptunedata.model.NeptunedataException;

/** Neptune ML's REST commands on kiln serve, driven by the real NeptunedataClient (signed for neptune-db). */
class EndpointNeptuneSdkIT {
    /** The TransE sample's copy of Kinship (surefire runs in the module directory). */
    private static final Path KINSHIP = Path.of("..", "samples", "training", "kge-kinship", "data").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;
    static EndpointFixture fixture;
    static NeptunedataClient neptune;

    @BeforeAll
    static void start() throws Exception {
        fixture = EndpointFixture.start(tmp.resolve("home"));
        neptune = client(EndpointFixture.CREDENTIALS.secretAccessKey());
    }

    static NeptunedataClient client(String secret) {
        return NeptunedataClient.builder()
                .endpointOverride(URI.create(fixture.uri().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(EndpointFixture.CREDENTIALS.accessKeyId(), secret)))
                .build();
    }

    @AfterAll
    static void stop() {
        neptune.close();
        fixture.close();
    }

    private static String uri(Path dir) {
        return "file://" + dir.toAbsolutePath() + "/";
    }

    @Test
    void dataProcessingThenModelTrainingThroughTheSdk() throws Exception {
        Path in = Files.createDirectories(tmp.resolve("in"));
        Files.copy(KINSHIP.resolve("train/train.txt"), in.resolve("train.txt"));
        Files.copy(KINSHIP.resolve("validation/valid.txt"), in.resolve("valid.txt"));
        Files.copy(KINSHIP.resolve("test/test.txt"), in.resolve("test.txt"));

        var dp = neptune.startMLDataProcessingJob(b -> b.id("sdk-dp").inputDataS3Location(uri(in))
                .processedDataS3Location(uri(tmp.resolve("processed"))).modelType("kge"));
        assertEquals("sdk-dp", dp.id());
        assertEquals("Completed", neptune.getMLDataProcessingJob(b -> b.id("sdk-dp")).status());

        neptune.startMLModelTrainingJob(b -> b.id("sdk-mt").dataProcessingJobId("sdk-dp")
                .trainModelS3Location(uri(tmp.resolve("model"))).trainingInstanceType("ml.m5.large")
                .maxHPONumberOfTrainingJobs(2).maxHPOParallelTrainingJobs(1));
        GetMlModelTrainingJobResponse status = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            status = neptune.getMLModelTrainingJob(b -> b.id("sdk-mt"));
            if (!"InProgress".equals(status.status())) {
                break;
            }
            Thread.sleep(250);
        }
        assertEquals("Completed", status.status());
        assertEquals("Completed", status.hpoJob().status());
        assertTrue(neptune.listMLModelTrainingJobs(b -> b.maxItems(10)).ids().contains("sdk-mt"));

        NeptunedataException missing = assertThrows(NeptunedataException.class,
                () -> neptune.getMLModelTrainingJob(b -> b.id("no-such-job")));
        assertTrue(missing.statusCode() >= 400 && missing.statusCode() < 500, "status " + missing.statusCode());
    }

    @Test
    void aWrongSecretIsRefused() {
        try (NeptunedataClient wrong = client("not-the-secret")) {
            NeptunedataException e = assertThrows(NeptunedataException.class,
                    () -> wrong.listMLDataProcessingJobs(b -> b.maxItems(5)));
            assertTrue(e.statusCode() == 400 || e.statusCode() == 403, "status " + e.statusCode());
        }
    }
}
