package dev.kiln.api.validation;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.DescribeHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.ListHyperParameterTuningJobsRequest;
import dev.kiln.api.tuning.ListTrainingJobsForHyperParameterTuningJobRequest;
import dev.kiln.api.tuning.StopHyperParameterTuningJobRequest;
import java.util.Collection;
import java.util.function.Function;

/**
 * Validates tuning-job requests as SageMaker does: every shape constraint first (all violations
 * together, AWS phrasing), then the rules spanning members, the strategies' rules and the training-job
 * rules of each definition (plain messages, first failure wins). Every method throws
 * {@link ValidationException} and nothing else.
 */
public final class TuningJobValidator {
    private TuningJobValidator() {}

    /** CreateHyperParameterTuningJob, without knowledge of built-in algorithms' metrics. */
    public static void validateCreate(CreateHyperParameterTuningJobRequest r) {
        validateCreate(r, null);
    }

    /**
     * CreateHyperParameterTuningJob.
     *
     * @param algorithmMetrics the metric names a built-in algorithm (by AlgorithmName) emits, or null when
     *                         unknown; null to skip the objective check for built-in algorithms
     */
    public static void validateCreate(CreateHyperParameterTuningJobRequest r,
            Function<String, Collection<String>> algorithmMetrics) {
        if (r == null) {
            throw new ValidationException("The request body is missing.");
        }
        Constraints c = new Constraints();
        TuningJobShape.check(c, r);
        c.throwIfAny();
        TuningJobSemantics.check(r, algorithmMetrics);
    }

    public static void validateDescribe(DescribeHyperParameterTuningJobRequest r) {
        name(r == null ? null : r.hyperParameterTuningJobName());
    }

    public static void validateStop(StopHyperParameterTuningJobRequest r) {
        name(r == null ? null : r.hyperParameterTuningJobName());
    }

    public static void validateList(ListHyperParameterTuningJobsRequest r) {
        if (r == null) {
            return; // every member is optional
        }
        Constraints c = new Constraints();
        c.string("nextToken", r.nextToken(), Shapes.NEXT_TOKEN);
        c.number("maxResults", r.maxResults(), 1L, 100L);
        c.string("sortBy", r.sortBy(), TuningShapes.TUNING_SORT_BY);
        c.string("sortOrder", r.sortOrder(), Shapes.SORT_ORDER);
        c.string("nameContains", r.nameContains(), Shapes.NAME_CONTAINS);
        c.string("statusEquals", r.statusEquals(), TuningShapes.TUNING_JOB_STATUS);
        c.throwIfAny();
    }

    public static void validateListTrainingJobs(ListTrainingJobsForHyperParameterTuningJobRequest r) {
        Constraints c = new Constraints();
        c.requiredString("hyperParameterTuningJobName", r == null ? null : r.hyperParameterTuningJobName(),
                TuningShapes.TUNING_JOB_NAME);
        if (r != null) {
            c.string("nextToken", r.nextToken(), Shapes.NEXT_TOKEN);
            c.number("maxResults", r.maxResults(), 1L, 100L);
            c.string("statusEquals", r.statusEquals(), Shapes.TRAINING_JOB_STATUS);
            c.string("sortBy", r.sortBy(), TuningShapes.TRAINING_SORT_BY);
            c.string("sortOrder", r.sortOrder(), Shapes.SORT_ORDER);
        }
        c.throwIfAny();
    }

    private static void name(String name) {
        Constraints c = new Constraints();
        c.requiredString("hyperParameterTuningJobName", name, TuningShapes.TUNING_JOB_NAME);
        c.throwIfAny();
    }
}
