package dev.kiln.bench.hpo;

import dev.kiln.hpo.hyperband.Hyperband;
import dev.kiln.hpo.hyperband.HyperbandTrial;
import dev.kiln.hpo.pruner.Decision;
import dev.kiln.hpo.sampler.BayesianSampler;
import dev.kiln.hpo.sampler.Direction;
import dev.kiln.hpo.sampler.RandomSampler;
import dev.kiln.hpo.sampler.Sampler;
import dev.kiln.hpo.sampler.Trial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Simple regret (best value found minus the known minimum) of Bayesian, Random and Hyperband search on Branin
 * and Hartmann6 after 30, 50 and 100 trials, median over seeds 0..9; benchmarks/python/optuna_peer.py prints the
 * same table for Optuna. Hyperband runs on {@link MultiFidelity} learning curves (MinResource 1, MaxResource 27)
 * with the same total epochs as N full trials; its regret is that of the best fully trained configuration.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.kiln.bench.hpo.OptimizerQuality [--seeds 10]
 *     [--budgets 30,50,100] [--functions branin,hartmann6] [--samplers bayesian,random,hyperband]</pre>
 */
public final class OptimizerQuality {
    private static final int MAX_RESOURCE = 27;

    private OptimizerQuality() {
    }

    public static void main(String[] args) {
        Map<String, String> options = parse(args);
        int seeds = Integer.parseInt(options.getOrDefault("seeds", "10"));
        int[] budgets = Arrays.stream(options.getOrDefault("budgets", "30,50,100").split(","))
                .mapToInt(Integer::parseInt).toArray();
        String[] functions = options.getOrDefault("functions", "branin,hartmann6").split(",");
        String[] samplers = options.getOrDefault("samplers", "bayesian,random,hyperband").split(",");
        int maxBudget = Arrays.stream(budgets).max().orElseThrow();

        System.out.printf("seeds 0..%d, budgets %s%n", seeds - 1, Arrays.toString(budgets));
        StringBuilder header = new StringBuilder(String.format("%-10s %-10s", "function", "sampler"));
        for (int b : budgets) {
            header.append(String.format(" %12s", "median@" + b));
        }
        System.out.println(header.append(String.format(" %7s", "s/run")));
        for (String name : functions) {
            TestFunctions.Problem problem = TestFunctions.byName(name);
            Map<String, double[]> medians = new LinkedHashMap<>();
            for (String sampler : samplers) {
                List<double[]> curves = new ArrayList<>();
                long start = System.nanoTime();
                for (int seed = 0; seed < seeds; seed++) {
                    curves.add(sampler.equals("hyperband")
                            ? hyperbandCurve(problem, seed, budgets)
                            : samplerCurve(problem, sampler, seed, maxBudget, budgets));
                }
                double perRun = (System.nanoTime() - start) / 1e9 / seeds;
                double[] row = new double[budgets.length];
                StringBuilder line = new StringBuilder(String.format("%-10s %-10s", name, sampler));
                for (int i = 0; i < budgets.length; i++) {
                    int column = i;
                    row[i] = median(curves.stream().mapToDouble(c -> c[column]).toArray());
                    line.append(String.format(" %12.5g", row[i]));
                }
                medians.put(sampler, row);
                System.out.println(line.append(String.format(" %7.1f", perRun)));
            }
            if (medians.containsKey("bayesian") && medians.containsKey("random")) {
                StringBuilder line = new StringBuilder(String.format("%-10s %-10s", name, "rnd/bayes"));
                for (int i = 0; i < budgets.length; i++) {
                    line.append(String.format(" %11.0fx", medians.get("random")[i] / medians.get("bayesian")[i]));
                }
                System.out.println(line);
            }
        }
    }

    /** Regret after each budget for a plain sampler run sequentially. */
    static double[] samplerCurve(TestFunctions.Problem problem, String kind, long seed, int trials, int[] budgets) {
        Sampler sampler = switch (kind) {
            case "bayesian" -> new BayesianSampler(problem.space(), Direction.MINIMIZE, seed);
            case "random" -> new RandomSampler(problem.space(), Direction.MINIMIZE, seed);
            default -> throw new IllegalArgumentException("unknown sampler " + kind);
        };
        double[] out = new double[budgets.length];
        double best = Double.POSITIVE_INFINITY;
        for (int n = 1; n <= trials; n++) {
            Trial t = sampler.ask();
            double value = problem.objective().applyAsDouble(t.configuration());
            sampler.tell(t.id(), value);
            best = Math.min(best, value);
            for (int i = 0; i < budgets.length; i++) {
                if (budgets[i] == n) {
                    out[i] = best - problem.minimum();
                }
            }
        }
        return out;
    }

    /** Regret of the best fully trained configuration once the epochs of N full trials are spent. */
    static double[] hyperbandCurve(TestFunctions.Problem problem, long seed, int[] budgets) {
        MultiFidelity curve = MultiFidelity.of(problem, MAX_RESOURCE);
        Hyperband hyperband = Hyperband.random(problem.space(), Direction.MINIMIZE, seed, 1, MAX_RESOURCE);
        double[] out = new double[budgets.length];
        Arrays.fill(out, Double.NaN);
        long spent = 0;
        double best = Double.POSITIVE_INFINITY;
        int next = 0;
        while (next < budgets.length) {
            HyperbandTrial trial = hyperband.ask();
            for (int epoch = 1; ; epoch++) {
                spent++;
                double value = curve.at(trial.trial().configuration(), epoch);
                boolean stopped = hyperband.report(trial.id(), epoch, value) == Decision.STOP;
                if (stopped && epoch == MAX_RESOURCE) {
                    best = Math.min(best, value);
                }
                while (next < budgets.length && spent >= (long) budgets[next] * MAX_RESOURCE) {
                    out[next++] = best - problem.minimum();
                }
                if (stopped) {
                    break;
                }
            }
        }
        return out;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
