package dev.kiln.server.http.testing;

import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.testing.TestJobs;
import dev.kiln.server.http.EndpointSettings;
import dev.kiln.server.http.KilnEndpoint;
import dev.kiln.server.http.auth.Credentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * An in-engine job service over a fresh home with the endpoint in front of it (an ephemeral
 * loopback port, signatures required), and AWS SDK clients pointed at it.
 */
public final class EndpointFixture implements AutoCloseable {
    public static final Credentials CREDENTIALS = new Credentials("AKIDKILNTEST0000", "kiln-test-secret/abc+xyz");

    public final Path home;
    public final TrainingJobService jobs;
    public final KilnEndpoint endpoint;

    private EndpointFixture(Path home, TrainingJobService jobs, KilnEndpoint endpoint) {
        this.home = home;
        this.jobs = jobs;
        this.endpoint = endpoint;
    }

    public static EndpointFixture start(Path home) throws IOException {
        return start(home, EndpointSettings.DEFAULT_MAX_BODY_BYTES);
    }

    /** As {@link #start(Path)} with a smaller request body limit. */
    public static EndpointFixture start(Path home, int maxBodyBytes) throws IOException {
        TrainingJobService jobs = TestJobs.service(home, Duration.ofSeconds(2));
        EndpointSettings settings = EndpointSettings.of(InetAddress.getLoopbackAddress(), 0, jobs.config())
                .withCredentials(CREDENTIALS)
                .withMaxBodyBytes(maxBodyBytes);
        try {
            return new EndpointFixture(home, jobs, KilnEndpoint.start(settings, jobs));
        } catch (IOException | RuntimeException e) {
            jobs.close();
            throw e;
        }
    }

    public URI uri() {
        return endpoint.uri();
    }

    public SageMakerClient sageMaker() {
        return sageMaker(CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey());
    }

    /** A client signing with the given key pair and making one attempt per call (refusals are not retried). */
    public SageMakerClient sageMaker(String accessKeyId, String secret) {
        return SageMakerClient.builder()
                .endpointOverride(uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    public CloudWatchLogsClient logs() {
        return logs(CREDENTIALS.accessKeyId(), CREDENTIALS.secretAccessKey());
    }

    public CloudWatchLogsClient logs(String accessKeyId, String secret) {
        return CloudWatchLogsClient.builder()
                .endpointOverride(uri())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret)))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @Override
    public void close() {
        endpoint.close();
        jobs.close();
    }
}
