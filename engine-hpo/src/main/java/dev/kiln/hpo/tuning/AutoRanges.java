package dev.kiln.hpo.tuning;

import dev.kiln.api.tuning.AutoParameter;
import dev.kiln.api.tuning.CategoricalParameterRange;
import dev.kiln.api.tuning.ContinuousParameterRange;
import dev.kiln.api.tuning.IntegerParameterRange;
import dev.kiln.api.tuning.ParameterRanges;
import dev.kiln.hpo.space.ValueFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Autotune's ranges from AutoParameters' ValueHint, one decade either side of the hint, with Auto
 * scaling (so wide positive ranges search logarithmically):
 * <ul>
 *   <li>an integer n: from max(1, n/10) to 10n when n &ge; 1; from n-10 to n+10 otherwise;</li>
 *   <li>a real x in (0, 1): from x/10 to min(10x, 1 - (1-x)/10), so a probability stays below 1
 *       (a learning rate 0.001 gives 0.0001..0.01, a dropout 0.5 gives 0.05..0.95);</li>
 *   <li>a real x &ge; 1: from x/10 to 10x; 0: from 0 to 1; a negative x: from 10x to x/10;</li>
 *   <li>true or false: both values; any other text: that one value (it cannot be ranged).</li>
 * </ul>
 */
final class AutoRanges {
    private AutoRanges() {}

    /** {@code p} with its AutoParameters turned into ranges (null stays null). */
    static ParameterRanges resolve(ParameterRanges p, List<String> notes) {
        if (p == null || p.autoParameters() == null || p.autoParameters().isEmpty()) {
            return p == null ? null : new ParameterRanges(p.integerParameterRanges(), p.continuousParameterRanges(),
                    p.categoricalParameterRanges(), null);
        }
        List<IntegerParameterRange> ints = new ArrayList<>(orEmpty(p.integerParameterRanges()));
        List<ContinuousParameterRange> reals = new ArrayList<>(orEmpty(p.continuousParameterRanges()));
        List<CategoricalParameterRange> cats = new ArrayList<>(orEmpty(p.categoricalParameterRanges()));
        for (AutoParameter a : p.autoParameters()) {
            String hint = a.valueHint().trim();
            String chosen;
            if (hint.matches("[+-]?\\d+")) {
                long n = Long.parseLong(hint);
                long min = n >= 1 ? Math.max(1, n / 10) : n - 10;
                long max = n >= 1 ? n * 10 : n + 10;
                ints.add(new IntegerParameterRange(a.name(), Long.toString(min), Long.toString(max), "Auto"));
                chosen = "integer " + min + ".." + max;
            } else if (isNumber(hint)) {
                double x = Double.parseDouble(hint);
                double[] b = realBounds(x);
                String min = ValueFormat.continuous(b[0]);
                String max = ValueFormat.continuous(b[1]);
                reals.add(new ContinuousParameterRange(a.name(), min, max, "Auto"));
                chosen = "continuous " + min + ".." + max;
            } else if (hint.equalsIgnoreCase("true") || hint.equalsIgnoreCase("false")) {
                cats.add(new CategoricalParameterRange(a.name(), List.of("true", "false")));
                chosen = "categorical [true, false]";
            } else {
                cats.add(new CategoricalParameterRange(a.name(), List.of(a.valueHint())));
                chosen = "categorical [" + a.valueHint() + "] (a text hint cannot be ranged)";
            }
            notes.add("Autotune: " + a.name() + " (hint " + a.valueHint() + ") searched as " + chosen);
        }
        return new ParameterRanges(ints.isEmpty() ? null : ints, reals.isEmpty() ? null : reals,
                cats.isEmpty() ? null : cats, null);
    }

    static double[] realBounds(double x) {
        if (x > 0 && x < 1) {
            return new double[] {x / 10, Math.min(10 * x, 1 - (1 - x) / 10)};
        }
        if (x >= 1) {
            return new double[] {x / 10, 10 * x};
        }
        if (x == 0) {
            return new double[] {0, 1};
        }
        return new double[] {10 * x, x / 10};
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s)) && !s.toLowerCase(Locale.ROOT).matches(".*[a-df-z].*");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }
}
