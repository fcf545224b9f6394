package dev.kiln.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.testing.TestJobs;
import dev.kiln.server.http.testing.EndpointFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeHyperParameterTuningJobResponse;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTrainingJobSummary;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStatus;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobStrategyType;
import software.amazon.awssdk.services.sagemaker.model.HyperParameterTuningJobObjectiveType;
import software.amazon.awssdk.services.sagemaker.model.ListTagsResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;

/** Tuning jobs through the endpoint with the real SDK: create, describe until done, list trials, tags, errors. */
class EndpointTuningSdkIT {
    @TempDir
    static Path tmp;
    static EndpointFixture fixture;
    static SageMakerClient sm;

    @BeforeAll
    static void start() throws Exception {
        fixture = EndpointFixture.start(tmp.resolve("home"));
        sm = fixture.sageMaker();
    }

    @AfterAll
    static void stop() {
        sm.close();
        fixture.close();
    }

    @Test
    void randomSearchRunsToCompletionThroughTheSdk() throws Exception {
        // The objective is (x - 3)^2, printed as a metric; the best of 4 random trials is the smallest.
        Path program = TestJobs.script(tmp.resolve("programs"), "square.sh",
                "x=$(sed -n 's/.*\"x\" *: *\"\\([^\"]*\\)\".*/\\1/p' \"$SM_INPUT_CONFIG_DIR/hyperparameters.json\")\n"
                        + "awk -v x=\"$x\" 'BEGIN { printf \"loss=%.6f\\n\", (x - 3) * (x - 3) }'");
        sm.createHyperParameterTuningJob(b -> b
                .hyperParameterTuningJobName("sdk-tune")
                .hyperParameterTuningJobConfig(c -> c
                        .strategy(HyperParameterTuningJobStrategyType.RANDOM)
                        .randomSeed(7)
                        .hyperParameterTuningJobObjective(o -> o.type(HyperParameterTuningJobObjectiveType.MINIMIZE).metricName("loss"))
                        .resourceLimits(r -> r.maxNumberOfTrainingJobs(4).maxParallelTrainingJobs(1))
                        .parameterRanges(p -> p.continuousParameterRanges(r -> r.name("x").minValue("0").maxValue("6"))))
                .trainingJobDefinition(d -> d
                        .algorithmSpecification(a -> a.trainingImage(program.toUri().toString())
                                .trainingInputMode(TrainingInputMode.FILE)
                                .metricDefinitions(m -> m.name("loss").regex("loss=([0-9.]+)")))
                        .roleArn("arn:aws:iam::123456789012:role/SageMakerRole")
                        .outputDataConfig(o -> o.s3OutputPath("s3://out-bucket/tuning"))
                        .resourceConfig(r -> r.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(1))
                        .stoppingCondition(s -> s.maxRuntimeInSeconds(600)))
                .tags(t -> t.key("team").value("ml")));

        DescribeHyperParameterTuningJobResponse d = null;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            d = sm.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("sdk-tune"));
            if (d.hyperParameterTuningJobStatus() == HyperParameterTuningJobStatus.COMPLETED) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(HyperParameterTuningJobStatus.COMPLETED, d.hyperParameterTuningJobStatus());
        assertEquals(4, d.trainingJobStatusCounters().completed());
        List<HyperParameterTrainingJobSummary> trials = sm.listTrainingJobsForHyperParameterTuningJob(
                b -> b.hyperParameterTuningJobName("sdk-tune").sortBy("FinalObjectiveMetricValue").sortOrder("Ascending"))
                .trainingJobSummaries();
        assertEquals(4, trials.size());
        float best = trials.get(0).finalHyperParameterTuningJobObjectiveMetric().value();
        assertEquals(best, d.bestTrainingJob().finalHyperParameterTuningJobObjectiveMetric().value(), 1e-6);
        double x = Double.parseDouble(trials.get(0).tunedHyperParameters().get("x"));
        assertEquals((x - 3) * (x - 3), best, 1e-3);
        assertTrue(sm.listHyperParameterTuningJobs(b -> b.nameContains("sdk")).hyperParameterTuningJobSummaries().size() >= 1);

        String arn = d.hyperParameterTuningJobArn();
        ListTagsResponse tags = sm.listTags(b -> b.resourceArn(arn));
        assertEquals("ml", tags.tags().get(0).value());

        SageMakerException stopDone = assertThrows(SageMakerException.class,
                () -> sm.stopHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("sdk-tune")));
        assertEquals("ValidationException", stopDone.awsErrorDetails().errorCode());
        SageMakerException missing = assertThrows(SageMakerException.class,
                () -> sm.describeHyperParameterTuningJob(b -> b.hyperParameterTuningJobName("nope")));
        assertEquals("ResourceNotFound", missing.awsErrorDetails().errorCode());
    }
}
