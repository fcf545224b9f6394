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
 * improvement maximised over valid points. The first {@code max(3, ranges)} trials are random. Pending trials
 * get a constant-liar value (the worst loss observed) so that parallel asks spread out instead of repeating the
 * same suggestion.
 *
 * <p>Cost per suggestion: one kernel matrix and one Cholesky factorisation (O(n^3)), O(n^2) per pending point and
 * per scored candidate. Hyperparameters are refitted only as the data grow (see {@link BayesianOptions}), from
 * the previous fit, on at most {@code maxFitObservations} points.
 */
public final class BayesianSampler extends AbstractSampler {
    private static final int INCUMBENTS = 5;
    private static final int MIN_CANDIDATES = 256;
    private static final int MAX_CANDIDATES = 4096;
    private static final int FIT_EVALUATIONS = 400;

    private final BayesianOptions options;
    private final SplittableRandom random;
    private final int[] groups;
    private final int groupCount;
    private final GpFitter fitter;
    private final AcquisitionSearch acquisition;
    private GpHyperparameters hyperparameters;
    private int fittedAt;

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

    /** The number of random trials before the model is used. */
    public int initialRandomTrials() {
        int configured = options.initialRandomTrials();
        return configured > 0 ? configured : Math.max(3, space().ranges().size());
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
        }
        GaussianProcess gp = GaussianProcess.fit(x, y, groups, hyperparameters);
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
        int size = gp.size();
        int budget = (int) Math.max(MIN_CANDIDATES,
                Math.min(MAX_CANDIDATES, options.evaluationBudget() / ((long) size * size)));
        return acquisition.maximize(gp, best, incumbents, taken, random, budget);
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
        // The first fit explores from two extra starts; later ones refine the previous optimum plus one restart.
        int restarts = hyperparameters == null ? 2 : 1;
        hyperparameters = fitter.fit(fx, fy, start, restarts, FIT_EVALUATIONS, random);
        fittedAt = x.length;
    }

    /** Losses shifted and scaled to mean 0, standard deviation 1 (the GP prior assumes that scale). */
    private static double[] normalised(double[] losses) {
        double mean = Arrays.stream(losses).average().orElse(0);
        double var = Arrays.stream(losses).map(v -> (v - mean) * (v - mean)).sum() / losses.length;
        double sd = var > 1e-24 ? Math.sqrt(var) : 1;
        return Arrays.stream(losses).map(v -> (v - mean) / sd).toArray();
    }
}
