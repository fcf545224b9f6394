package dev.kiln.hpo.tuning;

import dev.kiln.api.tuning.TuningJobCompletionCriteria;
import dev.kiln.hpo.sampler.Direction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * TuningJobCompletionCriteria over the objectives of trials in the order they end.
 *
 * <ul>
 *   <li>TargetObjectiveMetricValue: met when an objective is at least as good as the target.</li>
 *   <li>BestObjectiveNotImproving: met after N trials in a row that did not improve the best objective by
 *       more than 1% of its magnitude (an improvement of 1% or less counts as none).</li>
 *   <li>ConvergenceDetected (Enabled): with at least {@value #MIN_FOR_CONVERGENCE} results, the search has
 *       converged when the best objective of all results is no more than 0.1% better than the best of the
 *       results before the last third (at least {@value #MIN_WINDOW} trials): the latest third found
 *       nothing of note.</li>
 * </ul>
 * Trials without an objective (failed, or no metric) take no part.
 */
final class CompletionTracker {
    static final double NOT_IMPROVING_TOLERANCE = 0.01;
    static final double CONVERGENCE_TOLERANCE = 0.001;
    static final int MIN_FOR_CONVERGENCE = 10;
    static final int MIN_WINDOW = 5;

    private final TuningJobCompletionCriteria criteria;
    private final Direction direction;
    private final List<Double> losses = new ArrayList<>();
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int notImproving;
    private Instant convergedAt;
    private String reason;

    CompletionTracker(TuningJobCompletionCriteria criteria, Direction direction) {
        this.criteria = criteria;
        this.direction = direction;
    }

    /** Records the objective of a trial that ended at {@code at}. */
    void record(double objective, Instant at) {
        double loss = direction.toLoss(objective);
        if (losses.isEmpty() || bestLoss - loss > NOT_IMPROVING_TOLERANCE * Math.abs(bestLoss)) {
            notImproving = 0;
        } else {
            notImproving++;
        }
        bestLoss = Math.min(bestLoss, loss);
        losses.add(loss);
        if (criteria == null || reason != null) {
            return;
        }
        Double target = criteria.targetObjectiveMetricValue();
        if (target != null && loss <= direction.toLoss(target)) {
            reason = "TargetObjectiveMetricValue " + target + " reached";
        } else if (criteria.bestObjectiveNotImproving() != null
                && criteria.bestObjectiveNotImproving().maxNumberOfTrainingJobsNotImproving() != null
                && notImproving >= criteria.bestObjectiveNotImproving().maxNumberOfTrainingJobsNotImproving()) {
            reason = "BestObjectiveNotImproving: " + notImproving + " training jobs without an improvement of more than 1%";
        } else if (criteria.convergenceDetected() != null
                && "Enabled".equals(criteria.convergenceDetected().completeOnConvergence()) && converged()) {
            convergedAt = at;
            reason = "ConvergenceDetected";
        }
    }

    private boolean converged() {
        int n = losses.size();
        if (n < MIN_FOR_CONVERGENCE) {
            return false;
        }
        int window = Math.max(MIN_WINDOW, n / 3);
        double before = losses.subList(0, n - window).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return before - bestLoss <= CONVERGENCE_TOLERANCE * Math.abs(before);
    }

    /** Why the tuning job should complete now, if a criterion is met. */
    Optional<String> reason() {
        return Optional.ofNullable(reason);
    }

    int notImproving() {
        return notImproving;
    }

    Instant convergedAt() {
        return convergedAt;
    }
}
