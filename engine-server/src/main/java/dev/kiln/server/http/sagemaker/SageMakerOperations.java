package dev.kiln.server.http.sagemaker;

import dev.kiln.api.tags.AddTagsRequest;
import dev.kiln.api.tags.DeleteTagsRequest;
import dev.kiln.api.tags.ListTagsRequest;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.ListTrainingJobsRequest;
import dev.kiln.api.training.StopTrainingJobRequest;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.ListHyperParameterTuningJobsRequest;
import dev.kiln.api.tuning.ListTrainingJobsForHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.StopHyperParameterTuningJobRequest;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.tags.ResourceTags;
import dev.kiln.server.http.awsjson.AwsJsonService;
import java.nio.file.Path;
import java.util.Map;

/**
 * The SageMaker operations the endpoint serves ({@code X-Amz-Target: SageMaker.<Operation>}, signed
 * for {@code sagemaker}): training jobs, tuning jobs and tags, one {@code operation(...)} line each.
 */
public final class SageMakerOperations {
    public static final String TARGET_PREFIX = "SageMaker";
    public static final String SIGNING_NAME = "sagemaker";

    private SageMakerOperations() {}

    /**
     * @param requestBaseDir where relative TrainingImage paths in requests resolve (the directory
     *                       {@code kiln serve} was started in)
     */
    public static AwsJsonService create(TrainingJobService jobs, TuningJobService tuning, ResourceTags tags, Path requestBaseDir) {
        tags.register(new TuningJobResources(tuning, jobs.config()));
        return new AwsJsonService(TARGET_PREFIX, SIGNING_NAME)
                .operation("CreateTrainingJob", CreateTrainingJobRequest.class, r -> jobs.create(r, requestBaseDir))
                .operation("DescribeTrainingJob", DescribeTrainingJobRequest.class, jobs::describe)
                .operation("ListTrainingJobs", ListTrainingJobsRequest.class, jobs::list)
                .operation("StopTrainingJob", StopTrainingJobRequest.class, r -> {
                    jobs.stop(r);
                    return Map.of();
                })
                .operation("CreateHyperParameterTuningJob", CreateHyperParameterTuningJobRequest.class,
                        r -> tuning.create(r, requestBaseDir))
                .operation("DescribeHyperParameterTuningJob", DescribeHyperParameterTuningJobRequest.class, tuning::describe)
                .operation("ListHyperParameterTuningJobs", ListHyperParameterTuningJobsRequest.class, tuning::list)
                .operation("StopHyperParameterTuningJob", StopHyperParameterTuningJobRequest.class, r -> {
                    tuning.stop(r);
                    return Map.of();
                })
                .operation("ListTrainingJobsForHyperParameterTuningJob", ListTrainingJobsForHyperParameterTuningJobRequest.class,
                        tuning::listTrainingJobs)
                .operation("AddTags", AddTagsRequest.class, tags::add)
                .operation("ListTags", ListTagsRequest.class, tags::list)
                .operation("DeleteTags", DeleteTagsRequest.class, tags::delete);
    }
}
