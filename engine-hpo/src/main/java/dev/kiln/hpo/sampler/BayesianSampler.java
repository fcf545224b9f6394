package dev.kiln.hpo.sampler;

import dev.kiln.hpo.sampler.gp.GaussianProcess;
import dev.kiln.hpo.sampler.gp.GpFitter;
import dev.kiln.hpo.sampler.gp.GpHyperparameters;
import dev.kiln.hpo.space.SearchSpace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Bayesian optimisation (SageMaker's Bayesian strategy): a Gaussian-process surrogate with an ARD Matern 5/2
 * kernel over the model space, hyperparameters fitted by maximum a posteriori likelihood, and log expected
 * improvement maximised over valid points. The first few trials are random (see {@link #initialRandomTrials()}).
 * Pending trials
 * get a constant-liar value (the worst loss observed) so that parallel asks spread out instead of repeating the
 * same suggestion.
 *
 * <p>Cost: the kernel matrix is built and factorised (Commons Math Cholesky, O(n^3)) once per hyperparameter fit;
 * observations that arrive between fits extend the factor by a row each (O(n^2)), and so do pending points. Each
 * scored candidate costs O(n^2). Hyperparameters are refitted only as the data grow (see
 * {@link BayesianOptions}), starting from the previous fit, on at most {@code maxFitObservations} points.
 */
public final class BayesianSampler extends AbstractSampler {
    private static final int INCUMBENTS = 5;
    private static final int MIN_CANDIDATES = 256;
    private static final int MAX_CANDIDATES = 4096;
    private static final int MIN_LOCAL = 50;
    private static final int MAX_LOCAL = 1500;
    private static final int FIT_EVALUATIONS = 400;
    private static final int CHEAP_FIT = 100;

    private final BayesianOptions options;
    private final SplittableRandom random;
    private final int[] groups;
    private final int groupCount;
    private final GpFitter fitter;
    private final AcquisitionSearch acquisition;
    private GpHyperparameters hyperparameters;
    private int fittedAt;
    /** The kernel matrix's factor for the observations under the current hyperparameters (targets ignored). */
    private GaussianProcess factored;

    public BayesianSampler(SearchSpace space, Direction direction, long seed) {
        this(space, direction, seed, BayesianOptions.defaults());
    }

    public BayesianSampler(SearchSpace space, Direction direction, long seed, BayesianOptions options) {
        super(space, direction);
        this.options = options;
        this.random = new SplittableRandom(seed);
        this.groups = space.coordinateRanges();
        this.groupCount = space.ranges().size();
        this.fitter = new GpFitter(groups, groupCount);
        this.acquisition = new AcquisitionSearch(space);
    }

    /**
     * The number of random trials before the model is used: as configured, or {@code 2 * ranges - 2} clamped to
     * 3..10 (3 for one or two ranges, 10 from six ranges on). ARD needs a few points per dimension before its
     * length scales mean anything; on Hartmann6 ten initial trials found the global basin more often than six
     * (docs/hpo-search.md), and Optuna's GPSampler also starts with ten.
     */
    public int initialRandomTrials() {
        int configured = options.initialRandomTrials();
        return configured > 0 ? configured : Math.max(3, Math.min(10, 2 * space().ranges().size() - 2));
    }

    /** The current GP hyperparameters, or {@code null} before the first fit. */
    public synchronized GpHyperparameters hyperparameters() {
        return hyperparameters;
    }

    @Override
    protected double[] suggest() {
        int n = observationCount();
        List<double[]> pending = pendingPoints();
        if (n < 2 || n + pending.size() < initialRandomTrials()) {
            return space().randomPoint(random);
        }
        double[][] x = observedPoints().toArray(new double[0][]);
        double[] y = normalised(observedLosses());
        if (hyperparameters == null || n - fittedAt >= Math.max(1, (int) (fittedAt * options.refitFraction()))) {
            refit(x, y);
            factored = GaussianProcess.fit(x, y, groups, hyperparameters);
        } else if (factored.size() < n) {
            // Same hyperparameters: extend the factor by the new observations instead of refactoring.
            List<double[]> added = observedPoints().subList(factored.size(), n);
            factored = factored.withObservations(added, new double[added.size()]);
        }
        GaussianProcess gp = factored.withTargets(y);
        double best = Arrays.stream(y).min().orElseThrow();
        if (!pending.isEmpty()) {
            double lie = Arrays.stream(y).max().orElseThrow();
            double[] lies = new double[pending.size()];
            Arrays.fill(lies, lie);
            gp = gp.withObservations(pending, lies);
        }
        List<double[]> incumbents = IntStream.range(0, n).boxed()
                .sorted(Comparator.comparingDouble(i -> y[i])).limit(INCUMBENTS).map(i -> x[i]).toList();
        List<double[]> taken = new ArrayList<>(observedPoints());
        taken.addAll(pending);
        long perCandidate = (long) gp.size() * gp.size();
        int candidates = (int) clamp(options.evaluationBudget() / perCandidate, MIN_CANDIDATES, MAX_CANDIDATES);
        int localEvaluations = (int) clamp(options.evaluationBudget() / perCandidate / 2, MIN_LOCAL, MAX_LOCAL);
        return acquisition.maximize(gp, best, incumbents, taken, random, candidates, localEvaluations);
    }

    private void refit(double[][] x, double[] y) {
        double[][] fx = x;
        double[] fy = y;
        if (x.length > options.maxFitObservations()) {
            int[] pick = random.ints(0, x.length).distinct().limit(options.maxFitObservations()).toArray();
            fx = new double[pick.length][];
            fy = new double[pick.length];
            for (int i = 0; i < pick.length; i++) {
                fx[i] = x[pick[i]];
                fy[i] = y[pick[i]];
            }
        }
        GpHyperparameters start = hyperparameters == null ? GpHyperparameters.initial(groupCount) : hyperparameters;
        // Two extra starts while fits are cheap; beyond that one, since the previous optimum is usually close.
        int restarts = hyperparameters == null || fx.length <= CHEAP_FIT ? 2 : 1;
        hyperparameters = fitter.fit(fx, fy, start, restarts, FIT_EVALUATIONS, random);
        fittedAt = x.length;
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }

    /** Losses shifted and scaled to mean 0, standard deviation 1 (the GP prior assumes that scale). */
    private static double[] normalised(double[] losses) {
        double mean = Arrays.stream(losses).average().orElse(0);
        double var = Arrays.stream(losses).map(v -> (v - mean) * (v - mean)).sum() / losses.length;
        double sd = var > 1e-24 ? Math.sqrt(var) : 1;
        return Arrays.stream(losses).map(v -> (v - mean) / sd).toArray();
    }
}
