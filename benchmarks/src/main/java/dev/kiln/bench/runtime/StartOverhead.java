package dev.kiln.bench.runtime;

import dev.kiln.api.json.RequestParser;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.job.TrainingJobService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Overhead from CreateTrainingJob to the first line of a trivial job, against the floor: spawning
 * the same program with a bare ProcessBuilder. Two Kiln paths: the supervisor on a thread of the
 * engine (server, tuning jobs) and in a detached JVM (what {@code kiln train} does). The program prints its own start time (in
 * nanoseconds since the epoch) as its first line, so log buffering does not enter the figure.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.kiln.bench.runtime.StartOverhead [runs]}
 */
public final class StartOverhead {
    private StartOverhead() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path work = Files.createTempDirectory("kiln-start-overhead");
        Path prog = work.resolve("train");
        Path stamp = work.resolve("stamp");
        Files.writeString(prog, "#!/bin/sh\ndate +%s%N > \"$STAMP\"\necho first\n");
        Files.setPosixFilePermissions(prog, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<Double> bare = new ArrayList<>();
        for (int i = 0; i < runs + 3; i++) {
            Files.deleteIfExists(stamp);
            long start = epochNanos();
            ProcessBuilder pb = new ProcessBuilder(prog.toString(), "train");
            pb.environment().put("STAMP", stamp.toString());
            pb.start().waitFor();
            if (i >= 3) {
                bare.add((readStamp(stamp) - start) / 1e6);
            }
        }

        List<Double> kiln = measure(new KilnHome(work.resolve("home")), LaunchMode.IN_ENGINE, runs, prog, stamp, work);
        List<Double> detached = measure(new KilnHome(work.resolve("home-detached")), LaunchMode.DETACHED, Math.max(5, runs / 3),
                prog, stamp, work);
        System.out.println("CreateTrainingJob -> first line of a trivial job (ms), " + runs + " runs after 3 warm-up runs");
        print("bare ProcessBuilder spawn", bare);
        print("Kiln, in-engine supervisor", kiln);
        print("Kiln, detached supervisor", detached);
        System.out.printf(Locale.ROOT, "Kiln overhead over the bare spawn (medians): %.1f ms%n", median(kiln) - median(bare));
    }

    /** CreateTrainingJob to the program's first line, through a service in the given launch mode. */
    private static List<Double> measure(KilnHome home, LaunchMode mode, int runs, Path prog, Path stamp, Path work)
            throws Exception {
        List<Double> out = new ArrayList<>();
        try (TrainingJobService service = TrainingJobService.open(home, KilnConfig.defaults(), mode)) {
            for (int i = 0; i < runs + 3; i++) {
                String name = "overhead-" + i;
                CreateTrainingJobRequest req = RequestParser.parse("""
                        {"TrainingJobName": "%s",
                         "AlgorithmSpecification": {"TrainingImage": "%s", "TrainingInputMode": "File"},
                         "RoleArn": "arn:aws:iam::123456789012:role/R",
                         "OutputDataConfig": {"S3OutputPath": "s3://bench/out"},
                         "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 1},
                         "StoppingCondition": {"MaxRuntimeInSeconds": 60},
                         "Environment": {"STAMP": "%s"}}
                        """.formatted(name, prog.toUri(), stamp), CreateTrainingJobRequest.class);
                Files.deleteIfExists(stamp);
                long start = epochNanos();
                service.create(req, work);
                service.awaitTerminal(name, Duration.ofSeconds(30));
                if (i >= 3) {
                    out.add((readStamp(stamp) - start) / 1e6);
                }
            }
        }
        return out;
    }

    private static long epochNanos() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    private static long readStamp(Path stamp) throws Exception {
        for (int i = 0; i < 1000 && !Files.exists(stamp); i++) {
            Thread.sleep(1);
        }
        return Long.parseLong(Files.readString(stamp).trim());
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Comparator.naturalOrder());
        return s.get(s.size() / 2);
    }

    private static void print(String label, List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Comparator.naturalOrder());
        System.out.printf(Locale.ROOT, "  %-28s median %7.1f   p90 %7.1f   min %7.1f   max %7.1f%n", label,
                s.get(s.size() / 2), s.get((int) Math.floor(s.size() * 0.9)), s.get(0), s.get(s.size() - 1));
    }
}
