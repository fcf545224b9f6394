package dev.kiln.hpo.sampler;

import dev.kiln.hpo.space.Configuration;
import dev.kiln.hpo.space.SearchSpace;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The bookkeeping every sampler shares: trial ids, pending trials, observations as model-space points with
 * losses (objectives turned into "smaller is better"), warm start, and locking. Subclasses only choose the next
 * model-space point in {@link #suggest()}; all calls into a subclass happen under this object's lock.
 */
public abstract class AbstractSampler implements Sampler {
    private final SearchSpace space;
    private final Direction direction;
    private final Map<Integer, PendingTrial> pending = new LinkedHashMap<>();
    private final List<double[]> observedPoints = new ArrayList<>();
    private final List<Double> observedLosses = new ArrayList<>();
    private final List<Observation> observations = new ArrayList<>();
    private Observation best;
    private int nextId;

    private record PendingTrial(Trial trial, double[] point) {
    }

    protected AbstractSampler(SearchSpace space, Direction direction) {
        this.space = Objects.requireNonNull(space, "space");
        this.direction = Objects.requireNonNull(direction, "direction");
    }

    /** The next model-space point to evaluate; it is projected and decoded by the caller. */
    protected abstract double[] suggest();

    /** Hook for samplers that must know a pending trial ended without a result. */
    protected void onFailed(double[] point) {
    }

    @Override
    public final SearchSpace space() {
        return space;
    }

    @Override
    public final Direction direction() {
        return direction;
    }

    @Override
    public synchronized boolean isExhausted() {
        return false;
    }

    @Override
    public final synchronized Trial ask() {
        if (isExhausted()) {
            throw new SearchExhaustedException("the sampler has no configurations left");
        }
        double[] suggested = suggest().clone();
        space.project(suggested);
        Configuration configuration = space.decode(suggested);
        Trial trial = new Trial(nextId++, configuration);
        // Re-encoded so that the stored point is exactly the configuration's, whatever rounding decode did.
        pending.put(trial.id(), new PendingTrial(trial, space.encode(configuration)));
        return trial;
    }

    @Override
    public final synchronized void tell(int trialId, double objective) {
        if (!Double.isFinite(objective)) {
            throw new IllegalArgumentException("objective of trial " + trialId + " must be finite: " + objective);
        }
        PendingTrial done = removePending(trialId);
        record(done.point(), new Observation(done.trial().configuration(), objective));
    }

    @Override
    public final synchronized void tellFailed(int trialId) {
        onFailed(removePending(trialId).point());
    }

    @Override
    public final synchronized int warmStart(Collection<Observation> prior) {
        int used = 0;
        for (Observation observation : prior) {
            if (space.contains(observation.configuration())) {
                record(space.encode(observation.configuration()), observation);
                used++;
            }
        }
        return used;
    }

    @Override
    public final synchronized List<Trial> pendingTrials() {
        return pending.values().stream().map(PendingTrial::trial).toList();
    }

    @Override
    public final synchronized List<Observation> observations() {
        return List.copyOf(observations);
    }

    @Override
    public final synchronized Optional<Observation> best() {
        return Optional.ofNullable(best);
    }

    /** Model-space points of all observations; do not modify. */
    protected final List<double[]> observedPoints() {
        return Collections.unmodifiableList(observedPoints);
    }

    /** Losses of all observations, aligned with {@link #observedPoints()}. */
    protected final double[] observedLosses() {
        return observedLosses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Model-space points of the pending trials; do not modify. */
    protected final List<double[]> pendingPoints() {
        return pending.values().stream().map(PendingTrial::point).toList();
    }

    protected final int observationCount() {
        return observedPoints.size();
    }

    protected final int pendingCount() {
        return pending.size();
    }

    private void record(double[] point, Observation observation) {
        observedPoints.add(point);
        observedLosses.add(direction.toLoss(observation.objective()));
        observations.add(observation);
        if (best == null || direction.isBetter(observation.objective(), best.objective())) {
            best = observation;
        }
    }

    private PendingTrial removePending(int trialId) {
        PendingTrial done = pending.remove(trialId);
        if (done == null) {
            throw new IllegalStateException("trial " + trialId + " is not pending (unknown or already told)");
        }
        return done;
    }
}
