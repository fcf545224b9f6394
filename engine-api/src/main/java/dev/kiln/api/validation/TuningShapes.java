package dev.kiln.api.validation;

import java.util.List;

/**
 * String shapes of the tuning-job operations in SageMaker's service model (botocore
 * {@code sagemaker/2017-07-24}), named as there; shapes shared with training jobs are in {@link Shapes}.
 */
final class TuningShapes {
    private TuningShapes() {}

    static final StringShape TUNING_JOB_NAME =
            StringShape.pattern(1, 32, "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}", "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,31}");
    static final StringShape DEFINITION_NAME =
            StringShape.pattern(1, 64, "[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}", "^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}");
    static final StringShape STRATEGY = StringShape.oneOf("Bayesian", "Random", "Hyperband", "Grid");
    static final StringShape OBJECTIVE_TYPE = StringShape.oneOf("Maximize", "Minimize");
    static final StringShape SCALING_TYPE = StringShape.oneOf("Auto", "Linear", "Logarithmic", "ReverseLogarithmic");
    static final StringShape PARAMETER_KEY = StringShape.pattern(0, 256, ".*");
    static final StringShape PARAMETER_VALUE = StringShape.pattern(0, 256, ".*");
    static final StringShape EARLY_STOPPING = StringShape.oneOf("Off", "Auto");
    static final StringShape COMPLETE_ON_CONVERGENCE = StringShape.oneOf("Disabled", "Enabled");
    static final StringShape WARM_START_TYPE = StringShape.oneOf("IdenticalDataAndAlgorithm", "TransferLearning");
    static final StringShape AUTOTUNE_MODE = StringShape.oneOf("Enabled");
    static final StringShape ALLOCATION_STRATEGY = StringShape.oneOf("Prioritized");
    static final StringShape TUNING_JOB_STATUS = StringShape.oneOf(
            List.of("Completed", "InProgress", "Failed", "Stopped", "Stopping", "Deleting", "DeleteFailed"));
    static final StringShape TUNING_SORT_BY = StringShape.oneOf("Name", "Status", "CreationTime");
    static final StringShape TRAINING_SORT_BY = StringShape.oneOf("Name", "CreationTime", "Status", "FinalObjectiveMetricValue");

    /** HyperParameterTuningMaxRuntimeInSeconds: two minutes to half a year. */
    static final long MIN_TUNING_RUNTIME = 120;
    static final long MAX_TUNING_RUNTIME = 15_768_000;
}
