package dev.kiln.bench.tuning;

import dev.kiln.hpo.tuning.TrialRecord;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Optimizer quality through the real tuning loop: each (function, strategy, seed) is a tuning job whose
 * trials are training jobs running a bash/awk program that prints the function's value. Simple regret
 * after N trials is the best objective among the first N trials (in launch order) minus the function's
 * minimum; the table shows its median over the seeds. Bayesian and Random run one trial at a time;
 * Hyperband runs three at a time, as it is meant to, on a program that reports the objective over 9
 * epochs of 50 ms (converging to the function's value); it samples the same configurations as Random
 * with the same seed, so the comparison shows what its early stopping saves (epochs per trial) and costs.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.kiln.bench.tuning.TuningRegret
 * [--seeds 10] [--budgets 30,50,100] [--functions branin,hartmann6] [--strategies Bayesian,Random,Hyperband]
 * [--concurrent 2]}
 */
public final class TuningRegret {
    private static final Map<String, Double> MINIMUM = Map.of("branin", 0.397887, "hartmann6", -3.32237);
    private static final int HYPERBAND_EPOCHS = 9;
    private static final String HYPERBAND_EPOCH_SECONDS = "0.05";

    private TuningRegret() {}

    record Run(String function, String strategy, long seed, double[] regret, double seconds, int trials, double epochsPerTrial) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = options(args);
        int seeds = Integer.parseInt(opt.getOrDefault("--seeds", "10"));
        int[] budgets = Arrays.stream(opt.getOrDefault("--budgets", "30,50,100").split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> functions = List.of(opt.getOrDefault("--functions", "branin,hartmann6").split(","));
        List<String> strategies = List.of(opt.getOrDefault("--strategies", "Bayesian,Random,Hyperband").split(","));
        int concurrent = Integer.parseInt(opt.getOrDefault("--concurrent", "2"));
        int max = Arrays.stream(budgets).max().orElseThrow();

        Path work = Files.createTempDirectory("kiln-tuning-regret");
        Map<String, Path> programs = new LinkedHashMap<>();
        for (String f : functions) {
            programs.put(f, ObjectivePrograms.write(work, f));
        }
        List<Run> runs = new ArrayList<>();
        long began = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(concurrent);
        try (TuningJobService service = TuningJobService.open(new KilnHome(work.resolve("home")), BenchRequests.config(),
                LaunchMode.IN_ENGINE)) {
            List<Future<Run>> futures = new ArrayList<>();
            for (String f : functions) {
                for (String s : strategies) {
                    for (long seed = 0; seed < seeds; seed++) {
                        long sd = seed;
                        futures.add(pool.submit(() -> run(service, programs.get(f), f, s, sd, max, budgets, work)));
                    }
                }
            }
            for (Future<Run> fu : futures) {
                Run r = fu.get();
                runs.add(r);
                System.err.printf(Locale.ROOT, "%s %s seed %d: regret@%d %.4g, %d trials in %.1f s%n", r.function(), r.strategy(),
                        r.seed(), max, r.regret()[budgets.length - 1], r.trials(), r.seconds());
            }
        } finally {
            pool.shutdown();
        }
        print(runs, functions, strategies, budgets, seeds, (System.nanoTime() - began) / 1e9);
    }

    private static Run run(TuningJobService service, Path program, String function, String strategy, long seed, int max,
            int[] budgets, Path work) throws Exception {
        String name = (function.substring(0, 3) + "-" + strategy + "-" + seed).toLowerCase(Locale.ROOT);
        boolean hyperband = strategy.equals("Hyperband");
        Map<String, String> env = hyperband ? Map.of("EPOCHS", Integer.toString(HYPERBAND_EPOCHS), "SLEEP",
                HYPERBAND_EPOCH_SECONDS) : Map.of();
        long t0 = System.nanoTime();
        service.create(BenchRequests.request(name, function, program, strategy, max, hyperband ? 3 : 1, seed, env), work);
        service.awaitTerminal(name, Duration.ofHours(2));
        double seconds = (System.nanoTime() - t0) / 1e9;
        List<TrialRecord> trials = service.trials(name);
        double[] regret = new double[budgets.length];
        for (int b = 0; b < budgets.length; b++) {
            int n = budgets[b];
            regret[b] = trials.stream().filter(t -> t.index() <= n && t.objective() != null)
                    .mapToDouble(TrialRecord::objective).min().orElse(Double.NaN) - MINIMUM.get(function);
        }
        double epochs = trials.stream().mapToInt(t -> (int) service.trainingJobs().metrics(t.trainingJobName()).stream()
                .filter(m -> m.name().equals("objective")).count()).average().orElse(0);
        return new Run(function, strategy, seed, regret, seconds, trials.size(), epochs);
    }

    private static void print(List<Run> runs, List<String> functions, List<String> strategies, int[] budgets, int seeds,
            double wall) {
        System.out.printf(Locale.ROOT, "Median simple regret over %d seeds, through the tuning loop (total %.0f s)%n", seeds, wall);
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-10s %-10s", "function", "strategy"));
        for (int b : budgets) {
            head.append(String.format(Locale.ROOT, " %12s", "after " + b));
        }
        System.out.println(head.append("   s/job  epochs/trial"));
        for (String f : functions) {
            for (String s : strategies) {
                List<Run> rs = runs.stream().filter(r -> r.function().equals(f) && r.strategy().equals(s)).toList();
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-10s %-10s", f, s));
                for (int b = 0; b < budgets.length; b++) {
                    line.append(String.format(Locale.ROOT, " %12.4g", median(rs, b)));
                }
                line.append(String.format(Locale.ROOT, "   %5.1f  %12.1f", rs.stream().mapToDouble(Run::seconds).average().orElse(0),
                        rs.stream().mapToDouble(Run::epochsPerTrial).average().orElse(0)));
                System.out.println(line);
            }
            if (strategies.contains("Bayesian") && strategies.contains("Random")) {
                StringBuilder ratio = new StringBuilder(String.format(Locale.ROOT, "%-10s %-10s", f, "Rnd/Bayes"));
                for (int b = 0; b < budgets.length; b++) {
                    double r = median(byStrategy(runs, f, "Random"), b) / median(byStrategy(runs, f, "Bayesian"), b);
                    ratio.append(String.format(Locale.ROOT, " %11.1fx", r));
                }
                System.out.println(ratio);
            }
        }
    }

    private static List<Run> byStrategy(List<Run> runs, String f, String s) {
        return runs.stream().filter(r -> r.function().equals(f) && r.strategy().equals(s)).toList();
    }

    private static double median(List<Run> rs, int b) {
        double[] v = rs.stream().mapToDouble(r -> r.regret()[b]).sorted().toArray();
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i], args[i + 1]);
        }
        return m;
    }
}
