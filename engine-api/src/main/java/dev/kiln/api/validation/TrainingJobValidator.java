package dev.kiln.api.validation;

import dev.kiln.api.error.ValidationException;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.api.training.ListTrainingJobsRequest;
import dev.kiln.api.training.StopTrainingJobRequest;
import java.util.Map;
import java.util.Optional;

/**
 * Validates training-job requests the way SageMaker does, in the service's order: first every
 * shape constraint of the model (all violations reported together, in AWS's phrasing), then the
 * rules spanning members, then credentials in HyperParameters and Environment (plain messages,
 * first failure wins). Every method throws {@link ValidationException} and nothing else.
 */
public final class TrainingJobValidator {
    private TrainingJobValidator() {}

    /** CreateTrainingJob. Also checks what Kiln itself needs (a runnable TrainingImage, no DatasetSource). */
    public static void validateCreate(CreateTrainingJobRequest r) {
        if (r == null) {
            throw new ValidationException("The request body is missing.");
        }
        Constraints c = new Constraints();
        CreateTrainingJobShape.check(c, r);
        c.throwIfAny();
        TrainingJobSemantics.check(r);
        rejectCredentials("HyperParameters", r.hyperParameters());
        rejectCredentials("Environment", r.environment());
    }

    public static void validateDescribe(DescribeTrainingJobRequest r) {
        jobName(r == null ? null : r.trainingJobName());
    }

    public static void validateStop(StopTrainingJobRequest r) {
        jobName(r == null ? null : r.trainingJobName());
    }

    public static void validateList(ListTrainingJobsRequest r) {
        if (r == null) {
            return; // every member is optional; an empty body lists everything
        }
        Constraints c = new Constraints();
        c.string("nextToken", r.nextToken(), Shapes.NEXT_TOKEN);
        c.number("maxResults", r.maxResults(), 1L, 100L);
        c.string("nameContains", r.nameContains(), Shapes.NAME_CONTAINS);
        c.string("statusEquals", r.statusEquals(), Shapes.TRAINING_JOB_STATUS);
        c.string("sortBy", r.sortBy(), Shapes.SORT_BY);
        c.string("sortOrder", r.sortOrder(), Shapes.SORT_ORDER);
        c.string("warmPoolStatusEquals", r.warmPoolStatusEquals(), Shapes.WARM_POOL_RESOURCE_STATUS);
        c.string("trainingPlanArnEquals", r.trainingPlanArnEquals(), Shapes.TRAINING_PLAN_ARN);
        c.throwIfAny();
    }

    private static void jobName(String name) {
        Constraints c = new Constraints();
        c.requiredString("trainingJobName", name, Shapes.TRAINING_JOB_NAME);
        c.throwIfAny();
    }

    /**
     * Rejects a map whose values (or keys) look like credentials. The message names the entry's key,
     * never the value; a suspicious key is not echoed either.
     *
     * @param field the request member's wire name, e.g. {@code HyperParameters}
     */
    public static void rejectCredentials(String field, Map<String, String> entries) {
        if (entries == null) {
            return;
        }
        for (Map.Entry<String, String> e : entries.entrySet()) {
            Optional<SecretDetector.Kind> inKey = SecretDetector.detect(e.getKey());
            if (inKey.isPresent()) {
                throw new ValidationException("A " + field + " key appears to contain " + inKey.get().description()
                        + ". " + advice(field));
            }
            Optional<SecretDetector.Kind> inValue = SecretDetector.detect(e.getKey(), e.getValue());
            if (inValue.isPresent()) {
                throw new ValidationException("The " + field + " entry '" + e.getKey() + "' appears to contain "
                        + inValue.get().description() + ". " + advice(field));
            }
        }
    }

    private static String advice(String field) {
        return "Remove security-sensitive information (access keys, secrets, tokens, private keys) from " + field
                + "; pass credentials to the job another way.";
    }
}
