package dev.kiln.hpo.pruner;

import dev.kiln.hpo.sampler.Direction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SageMaker's "Auto" early stopping as a median stopping rule: a trial is stopped at step t when its running
 * average (the mean of all its values so far) is worse than the median of the running averages, at step t, of
 * earlier finished trials that reached step t.
 *
 * <p>Warm-up: no decision until at least {@code minCompletedTrials} finished trials reached the step (default 5,
 * Optuna's MedianPruner default) and the trial itself has reported at least {@code minSteps} values (default 3,
 * so one noisy first epoch cannot end a job). A trial stopped by this rule counts as finished: its curve up to
 * the stopping step joins the reference set, as in Google Vizier's rule.
 *
 * <p>SageMaker's documentation compares the trial's current value, rather than its running average, against
 * that median; the running average used here is less sensitive to a single noisy epoch.
 */
public final class MedianPruner {
    public static final int DEFAULT_MIN_COMPLETED_TRIALS = 5;
    public static final int DEFAULT_MIN_STEPS = 3;

    private final Direction direction;
    private final int minCompletedTrials;
    private final int minSteps;
    private final Map<Integer, LearningCurve> running = new HashMap<>();
    private final List<LearningCurve> finished = new ArrayList<>();
    private final Set<Integer> finishedIds = new HashSet<>();

    public MedianPruner(Direction direction) {
        this(direction, DEFAULT_MIN_COMPLETED_TRIALS, DEFAULT_MIN_STEPS);
    }

    public MedianPruner(Direction direction, int minCompletedTrials, int minSteps) {
        if (minCompletedTrials < 1 || minSteps < 1) {
            throw new IllegalArgumentException("minCompletedTrials and minSteps must be at least 1");
        }
        this.direction = direction;
        this.minCompletedTrials = minCompletedTrials;
        this.minSteps = minSteps;
    }

    /**
     * Records a trial's objective at {@code step} (steps must increase per trial) and decides whether it goes on.
     * After {@link Decision#STOP} the trial is finished and must not report again.
     *
     * @throws IllegalStateException when the trial already finished
     */
    public synchronized Decision report(int trialId, long step, double objective) {
        if (!Double.isFinite(objective)) {
            throw new IllegalArgumentException("objective must be finite: " + objective);
        }
        if (finishedIds.contains(trialId)) {
            throw new IllegalStateException("trial " + trialId + " already finished");
        }
        LearningCurve curve = running.computeIfAbsent(trialId, id -> new LearningCurve());
        curve.add(step, objective);
        if (curve.size() < minSteps) {
            return Decision.CONTINUE;
        }
        double[] references = finished.stream().filter(c -> c.lastStep() >= step)
                .mapToDouble(c -> c.runningAverageAt(step)).filter(v -> !Double.isNaN(v)).toArray();
        if (references.length < minCompletedTrials) {
            return Decision.CONTINUE;
        }
        if (direction.toLoss(curve.runningAverage()) > direction.toLoss(median(references))) {
            complete(trialId);
            return Decision.STOP;
        }
        return Decision.CONTINUE;
    }

    /** Marks a trial as finished (completed, or stopped for any reason); its curve becomes a reference. */
    public synchronized void complete(int trialId) {
        LearningCurve curve = running.remove(trialId);
        finishedIds.add(trialId);
        if (curve != null) {
            finished.add(curve);
        }
    }

    /** Forgets a failed trial: a curve cut short by an error says nothing about how good it was. */
    public synchronized void discard(int trialId) {
        running.remove(trialId);
        finishedIds.add(trialId);
    }

    /** Number of finished trials whose curves serve as references. */
    public synchronized int finishedCount() {
        return finished.size();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
