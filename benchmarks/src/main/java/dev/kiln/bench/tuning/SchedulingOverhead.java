package dev.kiln.bench.tuning;

import dev.kiln.hpo.tuning.TrialRecord;
import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scheduling overhead of the tuning loop: with one trial at a time, the time from the moment one
 * trial's program ends to the moment the next trial's program starts, both stamped by the programs
 * themselves ({@code date +%s%N}). It covers noticing the end, booking the result, asking the search
 * (Random here: no model cost), creating the next training job and starting its process.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.kiln.bench.tuning.SchedulingOverhead [trials]}
 */
public final class SchedulingOverhead {
    private SchedulingOverhead() {}

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        Path work = Files.createTempDirectory("kiln-tuning-overhead");
        Path stamps = Files.createDirectories(work.resolve("stamps"));
        Path program = ObjectivePrograms.write(work, "branin");
        try (TuningJobService service = TuningJobService.open(new KilnHome(work.resolve("home")), BenchRequests.config(),
                LaunchMode.IN_ENGINE)) {
            service.create(BenchRequests.request("overhead", "branin", program, "Random", trials, 1, 1,
                    Map.of("STAMPS", stamps.toString())), work);
            var end = service.awaitTerminal("overhead", Duration.ofMinutes(30));
            List<TrialRecord> records = service.trials("overhead");
            List<Double> gaps = new ArrayList<>();
            List<Double> toTerminal = new ArrayList<>();
            List<Double> toCreate = new ArrayList<>();
            List<Double> toStart = new ArrayList<>();
            List<Double> runs = new ArrayList<>();
            for (int i = 0; i < records.size(); i++) {
                long start = stamp(stamps, records.get(i), "start");
                long stop = stamp(stamps, records.get(i), "end");
                runs.add((stop - start) / 1e6);
                if (i == 0) {
                    continue;
                }
                long previousEnd = stamp(stamps, records.get(i - 1), "end");
                var previous = service.trainingJobs().record(records.get(i - 1).trainingJobName());
                var next = service.trainingJobs().record(records.get(i).trainingJobName());
                long terminal = nanos(previous.lastModifiedTime());
                long created = nanos(next.creationTime());
                gaps.add((start - previousEnd) / 1e6);
                toTerminal.add((terminal - previousEnd) / 1e6);
                toCreate.add((created - terminal) / 1e6);
                toStart.add((start - created) / 1e6);
            }
            System.out.println("Tuning job " + end.status() + ": " + records.size() + " trials, one at a time");
            print("program end -> next program start", gaps);
            print("  program end -> its job terminal", toTerminal);
            print("  job terminal -> next CreateTrainingJob", toCreate);
            print("  CreateTrainingJob -> program start", toStart);
            print("program run time (for scale)", runs);
        }
    }

    private static long nanos(java.time.Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    private static long stamp(Path dir, TrialRecord t, String kind) throws Exception {
        return Long.parseLong(Files.readString(dir.resolve(t.trainingJobName() + "." + kind)).trim());
    }

    static void print(String what, List<Double> ms) {
        List<Double> s = ms.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "%-40s n=%d  median %.1f ms  p90 %.1f ms  min %.1f ms  max %.1f ms%n", what, s.size(),
                s.get(s.size() / 2), s.get((int) Math.min(s.size() - 1, Math.round(s.size() * 0.9))), s.get(0),
                s.get(s.size() - 1));
    }
}
