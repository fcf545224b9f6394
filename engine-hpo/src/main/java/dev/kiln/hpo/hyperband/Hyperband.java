package dev.kiln.hpo.hyperband;

import dev.kiln.hpo.pruner.Decision;
import dev.kiln.hpo.sampler.Direction;
import dev.kiln.hpo.sampler.RandomSampler;
import dev.kiln.hpo.sampler.Sampler;
import dev.kiln.hpo.sampler.Trial;
import dev.kiln.hpo.space.SearchSpace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SageMaker's Hyperband strategy as asynchronous successive halving (ASHA) over Hyperband's brackets, between
 * {@code MinResource} and {@code MaxResource} epochs with reduction factor 3 (SageMaker's default, and the
 * value the Hyperband paper recommends). Bracket b judges trials at {@code MinResource * 3^(b+k)} epochs; there
 * are {@code floor(log3(Max/Min)) + 1} brackets, the last one running every trial to MaxResource.
 *
 * <p>New trials are assigned to brackets in proportion to the number of configurations Hyperband gives each
 * bracket ({@code ceil((B+1)/(s+1) * 3^s)} for the bracket with s halvings out of B), interleaved by smooth
 * weighted round-robin, so the assignment is deterministic. Configurations come from a {@link Sampler} (random by
 * default); when a trial ends the sampler is told its last reported objective, which for a stopped trial is a
 * lower-fidelity value.
 */
public final class Hyperband {
    public static final int DEFAULT_REDUCTION_FACTOR = 3;

    private final Sampler sampler;
    private final int maxResource;
    private final List<Bracket> brackets = new ArrayList<>();
    private final long[] weights;
    private final long[] credit;
    private final Map<Integer, Running> running = new HashMap<>();

    private static final class Running {
        final Bracket bracket;
        int nextRung;
        double lastObjective = Double.NaN;

        Running(Bracket bracket) {
            this.bracket = bracket;
        }
    }

    public Hyperband(Sampler sampler, int minResource, int maxResource) {
        this(sampler, minResource, maxResource, DEFAULT_REDUCTION_FACTOR);
    }

    public Hyperband(Sampler sampler, int minResource, int maxResource, int reductionFactor) {
        if (minResource < 1 || maxResource < minResource) {
            throw new IllegalArgumentException("need 1 <= MinResource <= MaxResource, got " + minResource + " and "
                    + maxResource);
        }
        if (reductionFactor < 2) {
            throw new IllegalArgumentException("reduction factor must be at least 2");
        }
        this.sampler = sampler;
        this.maxResource = maxResource;
        int halvings = 0;
        for (long r = (long) minResource * reductionFactor; r <= maxResource; r *= reductionFactor) {
            halvings++;
        }
        this.weights = new long[halvings + 1];
        this.credit = new long[halvings + 1];
        for (int b = 0; b <= halvings; b++) {
            brackets.add(new Bracket(b, minResource, maxResource, reductionFactor));
            int s = halvings - b;
            weights[b] = (long) Math.ceil((halvings + 1.0) / (s + 1) * Math.pow(reductionFactor, s));
        }
    }

    /** Hyperband over random configurations drawn with {@code seed}. */
    public static Hyperband random(SearchSpace space, Direction direction, long seed, int minResource,
                                   int maxResource) {
        return new Hyperband(new RandomSampler(space, direction, seed), minResource, maxResource);
    }

    public List<Bracket> brackets() {
        return List.copyOf(brackets);
    }

    public Sampler sampler() {
        return sampler;
    }

    /** A new configuration and the bracket it runs in. */
    public synchronized HyperbandTrial ask() {
        Trial trial = sampler.ask();
        Bracket bracket = brackets.get(nextBracket());
        running.put(trial.id(), new Running(bracket));
        return new HyperbandTrial(trial, bracket.index(), bracket.rungResources());
    }

    /**
     * Records the objective after {@code resource} epochs and decides whether the trial goes on. A trial is
     * judged at each rung it has reached or passed; it stops when it is not promoted at one, or when it reaches
     * MaxResource. After {@link Decision#STOP} the trial is over and its result has been passed to the sampler.
     *
     * @throws IllegalStateException when the trial is unknown or already over
     */
    public synchronized Decision report(int trialId, int resource, double objective) {
        Running r = running(trialId);
        if (!Double.isFinite(objective)) {
            throw new IllegalArgumentException("objective must be finite: " + objective);
        }
        r.lastObjective = objective;
        double loss = sampler.direction().toLoss(objective);
        List<Integer> rungs = r.bracket.rungResources();
        while (r.nextRung < rungs.size() && resource >= rungs.get(r.nextRung)) {
            if (!r.bracket.promote(r.nextRung++, loss)) {
                finish(trialId, r);
                return Decision.STOP;
            }
        }
        if (resource >= maxResource) {
            finish(trialId, r);
            return Decision.STOP;
        }
        return Decision.CONTINUE;
    }

    /** The trial ended by itself before MaxResource; its last reported objective goes to the sampler. */
    public synchronized void complete(int trialId) {
        finish(trialId, running(trialId));
    }

    /** The trial failed; the sampler records no result for it. */
    public synchronized void fail(int trialId) {
        running(trialId);
        running.remove(trialId);
        sampler.tellFailed(trialId);
    }

    private void finish(int trialId, Running r) {
        running.remove(trialId);
        if (Double.isNaN(r.lastObjective)) {
            sampler.tellFailed(trialId);
        } else {
            sampler.tell(trialId, r.lastObjective);
        }
    }

    private Running running(int trialId) {
        Running r = running.get(trialId);
        if (r == null) {
            throw new IllegalStateException("trial " + trialId + " is not running under this Hyperband");
        }
        return r;
    }

    /** Smooth weighted round-robin: deterministic, and each bracket's picks are spread evenly over time. */
    private int nextBracket() {
        long total = 0;
        int pick = 0;
        for (int b = 0; b < weights.length; b++) {
            credit[b] += weights[b];
            total += weights[b];
            if (credit[b] > credit[pick]) {
                pick = b;
            }
        }
        credit[pick] -= total;
        return pick;
    }
}
