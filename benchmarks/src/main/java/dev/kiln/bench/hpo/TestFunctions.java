package dev.kiln.bench.hpo;

import dev.kiln.hpo.space.Configuration;
import dev.kiln.hpo.space.ContinuousParameterRange;
import dev.kiln.hpo.space.ScalingType;
import dev.kiln.hpo.space.SearchSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Standard global-optimisation test functions, as search spaces with their known minima. */
public final class TestFunctions {
    private TestFunctions() {
    }

    /** A function to minimise over a search space, with its global minimum. */
    public record Problem(String name, SearchSpace space, ToDoubleFunction<Configuration> objective,
                          double minimum) {
    }

    public static final Problem BRANIN = new Problem("branin",
            SearchSpace.of(new ContinuousParameterRange("x1", -5, 10, ScalingType.LINEAR),
                    new ContinuousParameterRange("x2", 0, 15, ScalingType.LINEAR)),
            c -> branin(c.continuous("x1"), c.continuous("x2")), 0.397887);

    public static final Problem HARTMANN6 = new Problem("hartmann6", hartmannSpace(),
            c -> hartmann6(point(c, 6)), -3.32237);

    public static Problem byName(String name) {
        return switch (name) {
            case "branin" -> BRANIN;
            case "hartmann6" -> HARTMANN6;
            default -> throw new IllegalArgumentException("unknown function " + name);
        };
    }

    /** Branin-Hoo on [-5, 10] x [0, 15]; minimum 0.397887 at three points. */
    public static double branin(double x1, double x2) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        double u = x2 - b * x1 * x1 + c * x1 - 6;
        return u * u + 10 * (1 - t) * Math.cos(x1) + 10;
    }

    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
            {10, 3, 17, 3.5, 1.7, 8},
            {0.05, 10, 17, 0.1, 8, 14},
            {3, 3.5, 1.7, 10, 17, 8},
            {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
            {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
            {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
            {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
            {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

    /** Hartmann 6-D on [0, 1]^6; minimum -3.32237. */
    public static double hartmann6(double[] x) {
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double inner = 0;
            for (int j = 0; j < 6; j++) {
                double d = x[j] - P[i][j];
                inner += A[i][j] * d * d;
            }
            sum += ALPHA[i] * Math.exp(-inner);
        }
        return -sum;
    }

    private static SearchSpace hartmannSpace() {
        List<ContinuousParameterRange> ranges = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            ranges.add(new ContinuousParameterRange("x" + i, 0, 1, ScalingType.LINEAR));
        }
        return new SearchSpace(ranges);
    }

    private static double[] point(Configuration c, int dims) {
        double[] x = new double[dims];
        for (int i = 0; i < dims; i++) {
            x[i] = c.continuous("x" + (i + 1));
        }
        return x;
    }
}
