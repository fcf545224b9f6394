package dev.kiln.hpo.sampler;

import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.univariate.BrentOptimizer;
import org.apache.commons.math3.optim.univariate.SearchInterval;
import org.apache.commons.math3.optim.univariate.UnivariateObjectiveFunction;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Derivative-free local maximisation of an acquisition function over the continuous coordinates of a point, the
 * others held fixed: BOBYQA in the unit box for two or more coordinates, Brent's method for one. Returns the best
 * point evaluated, so an exhausted evaluation budget still yields the progress made.
 */
final class LocalRefinement {
    private static final double INITIAL_RADIUS = 0.05;
    private static final double FINAL_RADIUS = 1e-4;

    private final int[] coordinates;

    LocalRefinement(int[] continuousCoordinates) {
        this.coordinates = continuousCoordinates.clone();
    }

    /** Whether there is anything to refine. */
    boolean applies() {
        return coordinates.length > 0;
    }

    /** Best point found from {@code start} within {@code maxEvaluations}, and its value (in {@code value[0]}). */
    double[] maximize(ToDoubleFunction<double[]> acquisition, double[] start, int maxEvaluations, double[] value) {
        int k = coordinates.length;
        double[][] bestPoint = {start.clone()};
        double[] bestValue = {acquisition.applyAsDouble(start)};
        MultivariateFunction objective = sub -> {
            double[] p = start.clone();
            for (int i = 0; i < k; i++) {
                p[coordinates[i]] = Math.min(Math.max(sub[i], 0), 1);
            }
            double v = acquisition.applyAsDouble(p);
            if (v > bestValue[0]) {
                bestValue[0] = v;
                bestPoint[0] = p;
            }
            return v;
        };
        double[] sub = new double[k];
        for (int i = 0; i < k; i++) {
            sub[i] = start[coordinates[i]];
        }
        try {
            if (k == 1) {
                new BrentOptimizer(1e-6, 1e-8).optimize(new MaxEval(maxEvaluations), GoalType.MAXIMIZE,
                        new UnivariateObjectiveFunction(x -> objective.value(new double[]{x})),
                        new SearchInterval(0, 1, sub[0]));
            } else if (maxEvaluations > 2 * k + 2) {
                double[] lower = new double[k];
                double[] upper = new double[k];
                Arrays.fill(upper, 1);
                new BOBYQAOptimizer(2 * k + 1, INITIAL_RADIUS, FINAL_RADIUS).optimize(new MaxEval(maxEvaluations),
                        new ObjectiveFunction(objective), GoalType.MAXIMIZE, new InitialGuess(sub),
                        new SimpleBounds(lower, upper));
            }
        } catch (TooManyEvaluationsException e) {
            // Budget spent: the best point seen so far stands.
        }
        value[0] = bestValue[0];
        return bestPoint[0];
    }
}
