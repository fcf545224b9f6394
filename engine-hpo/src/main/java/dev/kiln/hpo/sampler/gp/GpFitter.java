package dev.kiln.hpo.sampler.gp;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Fits GP hyperparameters by maximising the log marginal likelihood plus weak log priors (a MAP estimate) with
 * BOBYQA in log-parameter space, from the previous fit (warm start), a neutral start and random restarts.
 * The priors are those of Optuna's GPSampler: {@code -0.1 (l^2 + 1/l^2)} per length scale, Gamma(2, 1) on the
 * signal variance and Gamma(1.1, 30) on the noise variance; they keep the fit sensible when there are only a
 * handful of observations, and the data outweigh them quickly.
 */
public final class GpFitter {
    static final double MIN_LENGTH = 0.01;
    static final double MAX_LENGTH = 20;
    static final double MIN_SIGNAL = 0.01;
    static final double MAX_SIGNAL = 100;
    /** Noise floor relative to the normalised objective; also keeps the kernel matrix well conditioned. */
    static final double MIN_NOISE = 1e-6;
    static final double MAX_NOISE = 1;
    private static final double FAILED_FIT = -1e12;

    private final int[] groups;
    private final int groupCount;

    /**
     * @param groups     for each input coordinate, the index of its length scale
     * @param groupCount number of length scales
     */
    public GpFitter(int[] groups, int groupCount) {
        this.groups = groups.clone();
        this.groupCount = groupCount;
    }

    /**
     * The best hyperparameters found from {@code start} plus {@code restarts} other starting points.
     *
     * @param maxEvaluations likelihood evaluations allowed per start
     */
    public GpHyperparameters fit(double[][] x, double[] y, GpHyperparameters start, int restarts,
                                 int maxEvaluations, RandomGenerator random) {
        int dim = groupCount + 2;
        double[] lower = new double[dim];
        double[] upper = new double[dim];
        for (int i = 0; i < groupCount; i++) {
            lower[i] = Math.log(MIN_LENGTH);
            upper[i] = Math.log(MAX_LENGTH);
        }
        lower[groupCount] = Math.log(MIN_SIGNAL);
        upper[groupCount] = Math.log(MAX_SIGNAL);
        lower[groupCount + 1] = Math.log(MIN_NOISE);
        upper[groupCount + 1] = Math.log(MAX_NOISE);

        List<double[]> starts = new ArrayList<>();
        starts.add(start.toLog());
        double[] neutral = GpHyperparameters.initial(groupCount).toLog();
        int randomStarts = restarts;
        if (restarts > 0 && !Arrays.equals(neutral, starts.get(0))) {
            starts.add(neutral);
            randomStarts--;
        }
        for (int r = 0; r < randomStarts; r++) {
            // Restarts are drawn where the priors put their mass, not from the whole box: corners such as
            // length 0.01 with noise 1 are valid but never the answer, and BOBYQA would waste its budget there.
            double[] theta = new double[dim];
            for (int i = 0; i < groupCount; i++) {
                theta[i] = uniform(random, Math.log(0.1), Math.log(3));
            }
            theta[groupCount] = uniform(random, Math.log(0.3), Math.log(3));
            theta[groupCount + 1] = uniform(random, Math.log(MIN_NOISE), Math.log(0.05));
            starts.add(theta);
        }

        double[] best = null;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (double[] theta0 : starts) {
            for (int i = 0; i < dim; i++) {
                // BOBYQA wants the start strictly inside the box.
                theta0[i] = Math.min(Math.max(theta0[i], lower[i] + 1e-6), upper[i] - 1e-6);
            }
            // Tracks the best point evaluated, so that running out of evaluations still yields the progress made.
            double[][] seen = {theta0.clone()};
            double[] seenValue = {Double.NEGATIVE_INFINITY};
            MultivariateFunction objective = theta -> {
                double v = logPosterior(x, y, theta);
                if (v > seenValue[0]) {
                    seenValue[0] = v;
                    seen[0] = theta.clone();
                }
                return v;
            };
            try {
                new BOBYQAOptimizer(2 * dim + 1, 0.5, 1e-3).optimize(new MaxEval(maxEvaluations),
                        new ObjectiveFunction(objective), GoalType.MAXIMIZE, new InitialGuess(theta0),
                        new SimpleBounds(lower, upper));
            } catch (TooManyEvaluationsException e) {
                // Budget spent before convergence: keep the best point seen.
            }
            if (seenValue[0] > bestValue) {
                bestValue = seenValue[0];
                best = seen[0];
            }
        }
        return GpHyperparameters.fromLog(best);
    }

    private static double uniform(RandomGenerator random, double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    /** Log marginal likelihood plus log prior at log-parameters {@code theta}. */
    double logPosterior(double[][] x, double[] y, double[] theta) {
        GpHyperparameters h = GpHyperparameters.fromLog(theta);
        try {
            return GaussianProcess.fit(x, y, groups, h).logMarginalLikelihood() + logPrior(h);
        } catch (IllegalStateException e) {
            return FAILED_FIT;
        }
    }

    static double logPrior(GpHyperparameters h) {
        double p = 0;
        for (double l : h.lengthScales()) {
            p -= 0.1 * (l * l + 1 / (l * l));
        }
        p += Math.log(h.signalVariance()) - h.signalVariance();
        p += 0.1 * Math.log(h.noiseVariance()) - 30 * h.noiseVariance();
        return p;
    }
}
