package dev.kiln.hpo.sampler;

import dev.kiln.hpo.space.SearchSpace;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Ask-and-tell search over a {@link SearchSpace}: {@link #ask()} hands out a trial, the caller evaluates it
 * (runs a training job) and reports the objective with {@link #tell} or {@link #tellFailed}. Trials asked and
 * not yet told are pending; model-based samplers take them into account so that parallel asks spread out.
 * Implementations are safe to call from several threads.
 */
public interface Sampler {

    SearchSpace space();

    Direction direction();

    /**
     * The next configuration to evaluate.
     *
     * @throws SearchExhaustedException when {@link #isExhausted()}
     */
    Trial ask();

    /** Whether {@link #ask()} has nothing left to offer; only finite samplers (grid) ever are. */
    boolean isExhausted();

    /**
     * Records a pending trial's objective value.
     *
     * @throws IllegalArgumentException when the value is NaN or infinite
     * @throws IllegalStateException    when the trial is unknown or was already told
     */
    void tell(int trialId, double objective);

    /** Records that a pending trial failed; it yields no observation and is not asked again. */
    void tellFailed(int trialId);

    /**
     * Seeds the sampler with results from earlier tuning jobs (warm start). Observations whose configuration
     * does not fit this space (a missing hyperparameter, a value outside its range) are skipped.
     *
     * @return how many observations were used
     */
    int warmStart(Collection<Observation> prior);

    /** Trials asked and not yet told, in the order they were asked. */
    List<Trial> pendingTrials();

    /** Every observation so far (warm-start ones first), in the order they were recorded. */
    List<Observation> observations();

    /** The best observation so far, if any. */
    Optional<Observation> best();
}
