package dev.kiln.containers.docker;

import dev.kiln.api.json.RequestParser;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.contract.JobLayout;
import dev.kiln.runtime.exec.JobProcess;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.log.JobLogReader;
import dev.kiln.runtime.log.LogEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Start overhead of a trivial container job against a process job: the time from CreateTrainingJob to
 * the job's first output line landing in its log, through an in-engine TrainingJobService. Two floors
 * for the container figure: the Docker runtime alone (start() to the first line at its sink) and the
 * docker CLI ({@code docker run --rm IMAGE} to its first stdout line). Not a test: a harness, run as
 * docs/performance-containers.md says, with an engine (e.g. under .ci/with-docker.sh).
 */
public final class ContainerStartOverhead {
    private ContainerStartOverhead() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        TestEngine engine = TestEngine.require();
        Path work = Files.createTempDirectory("kiln-container-overhead");
        Path prog = work.resolve("train");
        Files.writeString(prog, "#!/bin/sh\necho first\n");
        Files.setPosixFilePermissions(prog, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<Double> process = viaService(work.resolve("home-process"), prog.toUri().toString(), null, runs, work);
        List<Double> container = viaService(work.resolve("home-container"), engine.image, "/scripts/first-line.sh", runs, work);
        List<Double> runtime = viaRuntime(engine, work.resolve("home-runtime"), runs);
        List<Double> cli = viaCli(engine.image, runs);
        System.out.println("CreateTrainingJob -> first log line of a trivial job (ms), " + runs + " runs after 3 warm-up runs");
        print("process executor", process);
        print("container (Docker executor)", container);
        print("  DockerContainerRuntime only", runtime);
        print("  docker run --rm (CLI)", cli);
        System.out.printf(Locale.ROOT, "container over process (medians): %.1f ms%n", median(container) - median(process));
    }

    private static List<Double> viaService(Path home, String image, String entrypoint, int runs, Path work) throws Exception {
        List<Double> out = new ArrayList<>();
        try (TrainingJobService service = TrainingJobService.open(new KilnHome(home), KilnConfig.defaults(), LaunchMode.IN_ENGINE)) {
            for (int i = 0; i < runs + 3; i++) {
                String name = "overhead-" + i;
                CreateTrainingJobRequest req = RequestParser.parse("""
                        {"TrainingJobName": "%s",
                         "AlgorithmSpecification": {"TrainingImage": "%s", "TrainingInputMode": "File"%s},
                         "RoleArn": "arn:aws:iam::123456789012:role/R",
                         "OutputDataConfig": {"S3OutputPath": "s3://bench/out"},
                         "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 1},
                         "StoppingCondition": {"MaxRuntimeInSeconds": 60}}
                        """.formatted(name, image, entrypoint == null ? "" : ", \"ContainerEntrypoint\": [\"" + entrypoint + "\"]"),
                        CreateTrainingJobRequest.class);
                long start = System.currentTimeMillis();
                service.create(req, work);
                var r = service.awaitTerminal(name, Duration.ofSeconds(60));
                if (!r.status().name().equals("Completed")) {
                    throw new IllegalStateException(name + " " + r.status() + ": " + r.failureReason());
                }
                LogEvent first = new JobLogReader(service.logFile(name)).read(0, 1000).stream()
                        .filter(e -> e.message().equals("first")).findFirst()
                        .orElseThrow(() -> new IllegalStateException(name + " printed no first line: " + logOf(service, name)));
                if (i >= 3) {
                    out.add((double) (first.timestampMillis() - start));
                }
            }
        }
        return out;
    }

    private static List<String> logOf(TrainingJobService service, String name) {
        return new JobLogReader(service.logFile(name)).read(0, 1000).stream().map(LogEvent::message).toList();
    }

    private static List<Double> viaRuntime(TestEngine engine, Path home, int runs) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < runs + 3; i++) {
            var req = dev.kiln.runtime.testing.TestJobs.toRequest(DockerTrainingJobsIT.containerRequest("direct-" + i, engine.image));
            var launch = Launches.of(home, req, new JobLayout(home.resolve("jobs/direct-" + i)),
                    Launches.host("algo-1", List.of("algo-1")), List.of("/scripts/first-line.sh"), false, false);
            CompletableFuture<Long> firstAt = new CompletableFuture<>();
            long start = System.nanoTime();
            JobProcess p = engine.runtime.start(launch, line -> firstAt.complete(System.nanoTime()));
            long at = firstAt.get(60, TimeUnit.SECONDS);
            p.waitFor(Duration.ofSeconds(60));
            if (i >= 3) {
                out.add((at - start) / 1e6);
            }
        }
        return out;
    }

    private static List<Double> viaCli(String image, int runs) throws Exception {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < runs + 3; i++) {
            long start = System.nanoTime();
            Process p = new ProcessBuilder("docker", "run", "--rm", image, "/scripts/first-line.sh").redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line = r.readLine();
                long at = System.nanoTime();
                if (!"first".equals(line)) {
                    throw new IllegalStateException("docker run printed: " + line);
                }
                r.transferTo(java.io.Writer.nullWriter());
                if (i >= 3) {
                    out.add((at - start) / 1e6);
                }
            }
            p.waitFor();
        }
        return out;
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Comparator.naturalOrder());
        return s.get(s.size() / 2);
    }

    private static void print(String label, List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(Comparator.naturalOrder());
        System.out.printf(Locale.ROOT, "  %-30s median %7.1f   p90 %7.1f   min %7.1f   max %7.1f%n", label,
                s.get(s.size() / 2), s.get((int) Math.floor(s.size() * 0.9)), s.get(0), s.get(s.size() - 1));
    }
}
