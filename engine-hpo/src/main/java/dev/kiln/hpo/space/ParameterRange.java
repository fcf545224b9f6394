package dev.kiln.hpo.space;

/** One hyperparameter's range, as in SageMaker's {@code ParameterRanges}. */
public sealed interface ParameterRange
        permits IntegerParameterRange, ContinuousParameterRange, CategoricalParameterRange {

    /** Longest name or value the service accepts ({@code ParameterKey}, {@code ParameterValue}). */
    int MAX_TEXT_LENGTH = 256;

    /** The hyperparameter's name, passed to the training job as a key. */
    String name();

    /** Number of coordinates this range occupies in the model space: 1, or one per category. */
    int width();
}
