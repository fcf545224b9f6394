package dev.kiln.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.testing.TestJobs;
import dev.kiln.server.http.testing.EndpointFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CloudWatchLogsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CreateTrainingJobRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeTrainingJobResponse;
import software.amazon.awssdk.services.sagemaker.model.ListTrainingJobsResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SortBy;
import software.amazon.awssdk.services.sagemaker.model.Tag;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;

/**
 * The endpoint driven by the real AWS SDK for Java v2, signing with the configured credentials:
 * the calls and waiters users' code makes, and the same calls refused with a wrong key.
 */
class EndpointSdkIT {
    @TempDir
    static Path tmp;
    static EndpointFixture fixture;
    static SageMakerClient sm;
    static CloudWatchLogsClient logs;

    @BeforeAll
    static void start() throws Exception {
        fixture = EndpointFixture.start(tmp.resolve("home"));
        sm = fixture.sageMaker();
        logs = fixture.logs();
    }

    @AfterAll
    static void stop() {
        sm.close();
        logs.close();
        fixture.close();
    }

    private static CreateTrainingJobRequest job(String name, String script, Tag... tags) throws Exception {
        Path program = TestJobs.script(tmp.resolve("programs"), name + ".sh", script);
        return CreateTrainingJobRequest.builder()
                .trainingJobName(name)
                .algorithmSpecification(a -> a.trainingImage(program.toUri().toString()).trainingInputMode(TrainingInputMode.FILE))
                .roleArn("arn:aws:iam::123456789012:role/SageMakerRole")
                .outputDataConfig(o -> o.s3OutputPath("s3://out-bucket/sdk"))
                .resourceConfig(r -> r.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(1))
                .stoppingCondition(s -> s.maxRuntimeInSeconds(600))
                .tags(tags)
                .build();
    }

    /** The SDK's waiter, polling every 200 ms instead of the cloud's 120 s. */
    private static final Consumer<WaiterOverrideConfiguration.Builder> QUICK = w -> w
            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(200)))
            .waitTimeout(Duration.ofSeconds(60));

    @Test
    void createWaitDescribeAndTailTheLog() throws Exception {
        String arn = sm.createTrainingJob(job("sdk-happy", "echo starting; for i in 1 2 3 4 5; do echo \"loss=0.$i\"; done"))
                .trainingJobArn();
        assertEquals("arn:aws:sagemaker:us-east-1:000000000000:training-job/sdk-happy", arn);

        DescribeTrainingJobResponse done = sm.waiter()
                .waitUntilTrainingJobCompletedOrStopped(r -> r.trainingJobName("sdk-happy"), QUICK)
                .matched().response().orElseThrow();
        assertEquals(TrainingJobStatus.COMPLETED, done.trainingJobStatus());

        DescribeTrainingJobResponse d = sm.describeTrainingJob(r -> r.trainingJobName("sdk-happy"));
        assertEquals(arn, d.trainingJobArn());
        assertEquals("ml.m5.large", d.resourceConfig().instanceTypeAsString());
        assertNotNull(d.creationTime());
        assertNotNull(d.trainingEndTime());
        assertFalse(d.secondaryStatusTransitions().isEmpty());

        // The stream SageMaker would create for the job's first instance.
        List<LogStream> streams = logs.describeLogStreams(r -> r.logGroupName("/aws/sagemaker/TrainingJobs")
                .logStreamNamePrefix("sdk-happy/")).logStreams();
        assertEquals(1, streams.size());
        String stream = streams.get(0).logStreamName();
        assertEquals("sdk-happy/algo-1-" + d.creationTime().getEpochSecond(), stream);
        assertNotNull(streams.get(0).lastEventTimestamp());

        // The SDK's paginator follows nextForwardToken and stops when the token comes back unchanged.
        List<String> messages = logs.getLogEventsPaginator(r -> r.logGroupName("/aws/sagemaker/TrainingJobs")
                        .logStreamName(stream).startFromHead(true).limit(2))
                .events().stream().map(OutputLogEvent::message).toList();
        int start = messages.indexOf("starting");
        assertTrue(start >= 0, messages.toString());
        assertEquals(List.of("loss=0.1", "loss=0.2", "loss=0.3", "loss=0.4", "loss=0.5"), messages.subList(start + 1, start + 6));

        // Without startFromHead the service returns the latest events; the backward token pages back.
        GetLogEventsResponse tail = logs.getLogEvents(r -> r.logGroupName("/aws/sagemaker/TrainingJobs")
                .logStreamName(stream).limit(2));
        assertEquals(messages.subList(messages.size() - 2, messages.size()), tail.events().stream().map(OutputLogEvent::message).toList());
        GetLogEventsResponse before = logs.getLogEvents(r -> r.logGroupName("/aws/sagemaker/TrainingJobs")
                .logStreamName(stream).limit(2).nextToken(tail.nextBackwardToken()));
        assertEquals(messages.subList(messages.size() - 4, messages.size() - 2),
                before.events().stream().map(OutputLogEvent::message).toList());
    }

    @Test
    void listPagesWithNextToken() throws Exception {
        for (int i = 1; i <= 5; i++) {
            sm.createTrainingJob(job("sdk-page-" + i, "true"));
        }
        List<ListTrainingJobsResponse> pages = sm.listTrainingJobsPaginator(r -> r.nameContains("sdk-page").maxResults(2)
                .sortBy(SortBy.NAME).sortOrder("Ascending")).stream().toList();
        assertEquals(3, pages.size());
        List<String> names = pages.stream().flatMap(p -> p.trainingJobSummaries().stream()).map(TrainingJobSummary::trainingJobName).toList();
        assertEquals(List.of("sdk-page-1", "sdk-page-2", "sdk-page-3", "sdk-page-4", "sdk-page-5"), names);
        for (int i = 1; i <= 5; i++) {
            int n = i;
            sm.waiter().waitUntilTrainingJobCompletedOrStopped(r -> r.trainingJobName("sdk-page-" + n), QUICK);
        }
    }

    @Test
    void stopARunningJob() throws Exception {
        sm.createTrainingJob(job("sdk-stop", "echo working; sleep 60"));
        sm.stopTrainingJob(r -> r.trainingJobName("sdk-stop"));
        DescribeTrainingJobResponse d = sm.waiter()
                .waitUntilTrainingJobCompletedOrStopped(r -> r.trainingJobName("sdk-stop"), QUICK)
                .matched().response().orElseThrow();
        assertEquals(TrainingJobStatus.STOPPED, d.trainingJobStatus());
        SageMakerException again = assertThrows(SageMakerException.class, () -> sm.stopTrainingJob(r -> r.trainingJobName("sdk-stop")));
        assertEquals("ValidationException", again.awsErrorDetails().errorCode());
        assertEquals(400, again.statusCode());
    }

    @Test
    void tagsStartWithTheCreateRequestsAndChange() throws Exception {
        String arn = sm.createTrainingJob(job("sdk-tags", "true", Tag.builder().key("team").value("ml").build(),
                Tag.builder().key("stage").value("dev").build())).trainingJobArn();
        assertEquals(List.of("team=ml", "stage=dev"), tags(arn));

        List<Tag> added = sm.addTags(r -> r.resourceArn(arn).tags(Tag.builder().key("owner").value("me").build(),
                Tag.builder().key("team").value("research").build())).tags();
        assertEquals(2, added.size());
        assertEquals(List.of("team=research", "stage=dev", "owner=me"), tags(arn));

        sm.deleteTags(r -> r.resourceArn(arn).tagKeys("stage", "absent"));
        assertEquals(List.of("team=research", "owner=me"), tags(arn));

        SageMakerException badArn = assertThrows(SageMakerException.class, () -> sm.listTags(r -> r.resourceArn("not-an-arn")));
        assertEquals("ValidationException", badArn.awsErrorDetails().errorCode());
        assertTrue(badArn.awsErrorDetails().errorMessage().startsWith("1 validation error detected: Value 'not-an-arn' at 'resourceArn'"),
                badArn.awsErrorDetails().errorMessage());
        SageMakerException unknown = assertThrows(SageMakerException.class,
                () -> sm.listTags(r -> r.resourceArn("arn:aws:sagemaker:us-east-1:000000000000:training-job/nope")));
        assertEquals("ValidationException", unknown.awsErrorDetails().errorCode());
        SageMakerException reserved = assertThrows(SageMakerException.class,
                () -> sm.addTags(r -> r.resourceArn(arn).tags(Tag.builder().key("aws:owner").value("x").build())));
        assertEquals("ValidationException", reserved.awsErrorDetails().errorCode());
        sm.waiter().waitUntilTrainingJobCompletedOrStopped(r -> r.trainingJobName("sdk-tags"), QUICK);
    }

    private static List<String> tags(String arn) {
        return sm.listTags(r -> r.resourceArn(arn)).tags().stream().map(t -> t.key() + "=" + t.value()).toList();
    }

    @Test
    void serviceErrorsArriveAsTheSdksExceptions() throws Exception {
        assertThrows(ResourceNotFoundException.class, () -> sm.describeTrainingJob(r -> r.trainingJobName("sdk-missing")));
        sm.createTrainingJob(job("sdk-dup", "true"));
        ResourceInUseException dup = assertThrows(ResourceInUseException.class, () -> sm.createTrainingJob(job("sdk-dup", "true")));
        assertEquals(400, dup.statusCode());
        SageMakerException invalid = assertThrows(SageMakerException.class,
                () -> sm.createTrainingJob(job("sdk-bad", "true").toBuilder().trainingJobName("bad_name!").build()));
        assertEquals("ValidationException", invalid.awsErrorDetails().errorCode());
        assertTrue(invalid.awsErrorDetails().errorMessage().contains("'trainingJobName'"), invalid.awsErrorDetails().errorMessage());

        var noStream = assertThrows(software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException.class,
                () -> logs.getLogEvents(r -> r.logGroupName("/aws/sagemaker/TrainingJobs").logStreamName("sdk-missing/algo-1-1")));
        assertEquals("ResourceNotFoundException", noStream.awsErrorDetails().errorCode());
        assertThrows(software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException.class,
                () -> logs.describeLogStreams(r -> r.logGroupName("/aws/lambda/other")));
        assertThrows(software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException.class,
                () -> logs.describeLogStreams(r -> r.logGroupName("/aws/sagemaker/TrainingJobs").orderBy("LastEventTime").logStreamNamePrefix("x")));
        sm.waiter().waitUntilTrainingJobCompletedOrStopped(r -> r.trainingJobName("sdk-dup"), QUICK);
    }

    @Test
    void aWrongSecretOrUnknownKeyIsRefused() throws Exception {
        try (SageMakerClient wrong = fixture.sageMaker(EndpointFixture.CREDENTIALS.accessKeyId(), "not-the-secret");
             CloudWatchLogsClient wrongLogs = fixture.logs(EndpointFixture.CREDENTIALS.accessKeyId(), "not-the-secret");
             SageMakerClient stranger = fixture.sageMaker("AKIDSTRANGER0000", "whatever")) {
            SageMakerException e = assertThrows(SageMakerException.class, () -> wrong.listTrainingJobs(r -> r.maxResults(1)));
            assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
            assertEquals(400, e.statusCode());
            SageMakerException create = assertThrows(SageMakerException.class, () -> wrong.createTrainingJob(job("sdk-never", "true")));
            assertEquals("InvalidSignatureException", create.awsErrorDetails().errorCode());
            assertThrows(ResourceNotFoundException.class, () -> sm.describeTrainingJob(r -> r.trainingJobName("sdk-never")));

            CloudWatchLogsException l = assertThrows(CloudWatchLogsException.class,
                    () -> wrongLogs.describeLogStreams(r -> r.logGroupName("/aws/sagemaker/TrainingJobs")));
            assertEquals("InvalidSignatureException", l.awsErrorDetails().errorCode());

            SageMakerException s = assertThrows(SageMakerException.class, () -> stranger.listTrainingJobs(r -> r.maxResults(1)));
            assertEquals("UnrecognizedClientException", s.awsErrorDetails().errorCode());
        }
    }
}
