package dev.kiln.bench.hpo;

import dev.kiln.hpo.space.Configuration;

/**
 * A learning-curve version of a test function for Hyperband: after {@code t} of {@code R} epochs a configuration
 * reports {@code f(x) + (1 - t/R) * scale * (1 + sin(5 * sum(u)))}, where u is its unit-cube point. The
 * distortion fades as training goes on and reorders configurations at low fidelity, so early stopping is neither
 * free nor hopeless. At {@code t = R} the value is exactly {@code f(x)}.
 */
record MultiFidelity(TestFunctions.Problem problem, int maxResource, double scale) {

    static MultiFidelity of(TestFunctions.Problem problem, int maxResource) {
        // Roughly the spread of each function over its domain, so the distortion matters equally on both.
        double scale = problem.name().equals("branin") ? 20 : 0.5;
        return new MultiFidelity(problem, maxResource, scale);
    }

    double at(Configuration c, int epoch) {
        double sum = 0;
        for (double u : problem.space().encode(c)) {
            sum += u;
        }
        double remaining = 1 - (double) epoch / maxResource;
        return problem.objective().applyAsDouble(c) + remaining * scale * (1 + Math.sin(5 * sum));
    }
}
