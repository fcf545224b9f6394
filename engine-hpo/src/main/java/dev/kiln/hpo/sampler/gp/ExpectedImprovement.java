package dev.kiln.hpo.sampler.gp;

/**
 * Expected improvement below the best loss so far, for a Gaussian prediction. The logarithm is what samplers
 * maximise: plain EI underflows to exactly 0 a few standard deviations away from the incumbent, which leaves
 * nothing to rank candidates by late in a search.
 */
public final class ExpectedImprovement {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final double LOG_SQRT_2PI = Math.log(SQRT_2PI);
    /** Below this standardised improvement the closed form cancels badly; a continued fraction takes over. */
    private static final double TAIL = -3;

    private ExpectedImprovement() {
    }

    /** {@code E[max(best - f, 0)]} for {@code f ~ N(mean, sd^2)}. */
    public static double value(double mean, double sd, double best) {
        if (sd <= 0) {
            return Math.max(best - mean, 0);
        }
        double z = (best - mean) / sd;
        return sd * (z * normalCdf(z) + normalPdf(z));
    }

    /**
     * {@code log} of {@link #value}, accurate far into the tail; {@code -Infinity} only when {@code sd == 0} and
     * no improvement is possible.
     */
    public static double log(double mean, double sd, double best) {
        if (sd <= 0) {
            return Math.log(Math.max(best - mean, 0));
        }
        return Math.log(sd) + logH((best - mean) / sd);
    }

    /** {@code log(z Phi(z) + phi(z))}. */
    static double logH(double z) {
        if (z > TAIL) {
            return Math.log(z * normalCdf(z) + normalPdf(z));
        }
        // For t = -z > 3: h = phi(t) (1 - t R(t)) with Mills ratio R(t) = 1 / (t + c), c = 1/(t + 2/(t + 3/...)),
        // so 1 - t R = c / (t + c) without the cancellation of the direct form.
        double t = -z;
        double c = 0;
        for (int k = 60; k >= 1; k--) {
            c = k / (t + c);
        }
        return -0.5 * t * t - LOG_SQRT_2PI + Math.log(c / (t + c));
    }

    static double normalPdf(double z) {
        return Math.exp(-0.5 * z * z) / SQRT_2PI;
    }

    /**
     * Standard normal CDF by the double-precision rational approximation of Hart (1968) as given by West (2005),
     * with a continued fraction beyond |z| = 7.07; relative error around 1e-15.
     */
    static double normalCdf(double z) {
        double x = Math.abs(z);
        double tail;
        if (x > 37) {
            tail = 0;
        } else {
            double e = Math.exp(-0.5 * x * x);
            if (x < 7.07106781186547) {
                double num = 3.52624965998911e-02 * x + 0.700383064443688;
                num = num * x + 6.37396220353165;
                num = num * x + 33.912866078383;
                num = num * x + 112.079291497871;
                num = num * x + 221.213596169931;
                num = num * x + 220.206867912376;
                double den = 8.83883476483184e-02 * x + 1.75566716318264;
                den = den * x + 16.064177579207;
                den = den * x + 86.7807322029461;
                den = den * x + 296.564248779674;
                den = den * x + 637.333633378831;
                den = den * x + 793.826512519948;
                den = den * x + 440.413735824752;
                tail = e * num / den;
            } else {
                double b = x + 0.65;
                b = x + 4 / b;
                b = x + 3 / b;
                b = x + 2 / b;
                b = x + 1 / b;
                tail = e / b / SQRT_2PI;
            }
        }
        return z > 0 ? 1 - tail : tail;
    }
}
