package dev.kiln.api.algorithm;

import dev.kiln.api.training.MetricDefinition;
import java.util.List;
import java.util.Set;

/**
 * A built-in algorithm that Kiln runs in process, selected by {@code AlgorithmSpecification.AlgorithmName}.
 * Implementations are found with {@link java.util.ServiceLoader} (declare them in
 * {@code META-INF/services/dev.kiln.api.algorithm.Algorithm}) and must have a public no-argument
 * constructor. One instance trains one job; it is not reused.
 *
 * <p>By default the runtime starts each such job in a child JVM, so stop, timeout and crash behave
 * as for any process: on a stop request {@link AlgorithmContext#stopSignal()} fires and the
 * algorithm has the grace period to save its model and return.
 */
public interface Algorithm {

    /** The {@code AlgorithmName} this algorithm answers to (lower case, for example {@code transe}). */
    String name();

    /**
     * The metrics this algorithm emits, as SageMaker built-in algorithms declare theirs. The runtime
     * adds them to the job's MetricDefinitions, so tuning jobs need not define any. The default
     * derives a definition per name in the {@link MetricEmitter} line format.
     */
    default List<MetricDefinition> metricDefinitions() {
        return metricNames().stream().map(MetricEmitter::definitionFor).toList();
    }

    /** Names of the metrics this algorithm emits, for example {@code train:loss}. */
    default List<String> metricNames() {
        return List.of();
    }

    /** The TrainingInputMode values the algorithm can read. */
    default Set<String> supportedInputModes() {
        return Set.of("File", "FastFile");
    }

    /**
     * Trains until done or until the stop signal fires. Throwing fails the job; the exception's
     * message becomes the FailureReason unless the algorithm wrote {@code output/failure} itself.
     */
    void train(AlgorithmContext context) throws Exception;
}
