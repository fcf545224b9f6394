package dev.kiln.hpo.sampler;

/**
 * Tuning knobs of {@link BayesianSampler}; {@link #defaults()} suits SageMaker-sized jobs (up to a few hundred
 * trials).
 *
 * @param initialRandomTrials trials drawn at random before the model is used; 0 means the sampler's rule
 *                            ({@link BayesianSampler#initialRandomTrials()})
 * @param refitFraction       the GP hyperparameters are refitted once the number of observations has grown by this
 *                            fraction since the last fit (at least one new observation): every observation early
 *                            on, every 25th at 500
 * @param maxFitObservations  hyperparameter fitting uses a random subset of at most this many observations; the
 *                            posterior itself always uses all of them
 * @param evaluationBudget    the acquisition search scores {@code evaluationBudget / n^2} candidates (clamped to
 *                            256..4096) for n conditioning points and gives local refinement half that many
 *                            evaluations (clamped to 50..1500), which bounds its O(n^2)-per-candidate cost
 */
public record BayesianOptions(int initialRandomTrials, double refitFraction, int maxFitObservations,
                              long evaluationBudget) {

    public BayesianOptions {
        if (initialRandomTrials < 0 || !(refitFraction >= 0) || maxFitObservations < 2 || evaluationBudget < 1) {
            throw new IllegalArgumentException("invalid Bayesian options");
        }
    }

    public static BayesianOptions defaults() {
        return new BayesianOptions(0, 0.05, 200, 50_000_000L);
    }

    /** The same options with a different number of initial random trials. */
    public BayesianOptions withInitialRandomTrials(int trials) {
        return new BayesianOptions(trials, refitFraction, maxFitObservations, evaluationBudget);
    }
}
