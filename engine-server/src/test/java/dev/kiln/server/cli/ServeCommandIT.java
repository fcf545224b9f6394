package dev.kiln.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kiln.api.training.TrainingJobStatus;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.exec.ProcessTree;
import dev.kiln.runtime.store.JobStore;
import dev.kiln.runtime.store.ProcessRef;
import dev.kiln.runtime.store.TrainingJobRecord;
import dev.kiln.runtime.testing.TestJobs;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.SecondaryStatus;
import software.amazon.awssdk.services.sagemaker.model.TrainingInputMode;

/**
 * {@code kiln serve} as a process: the AWS CLI script runs the linear-regression sample through it with
 * signatures required, and SIGTERM stops it cleanly, leaving a running job to be resolved by the
 * next engine start.
 */
class ServeCommandIT {
    private static final String KEY = "AKIDSERVETEST000";
    private static final String SECRET = "serve-test-secret";

    @TempDir
    Path tmp;

    @Test
    void theAwsCliRunsTheReadmeSampleAndSigtermStopsTheServer() throws Exception {
        assumeTrue(onPath("aws"), "the AWS CLI (aws) is not installed: skipping the script test");
        Path home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.properties"), "kiln.auth.accessKeyId=" + KEY + "\nkiln.auth.secretAccessKey=" + SECRET
                + "\nkiln.stop.graceSeconds=2\n");

        // Output goes to a file: destroy() closes the pipes of the process it signals.
        Path serverOut = tmp.resolve("serve.out");
        Process server = new ProcessBuilder(javaBin(), "-cp", System.getProperty("java.class.path"), ServeCommand.class.getName(),
                "--port", "0", "--home", home.toString())
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(serverOut.toFile()).start();
        try {
            URI endpoint = null;
            List<String> output = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline && server.isAlive() && output.stream().noneMatch(l -> l.startsWith("Stop with"))) {
                Thread.sleep(50);
                output = Files.readAllLines(serverOut);
            }
            for (String line : output) {
                if (line.startsWith("Kiln endpoint listening on ")) {
                    endpoint = URI.create(line.split(" ")[4]);
                }
            }
            assertTrue(endpoint != null, String.join("\n", output));
            String printed = String.join("\n", output);
            assertTrue(printed.contains("export AWS_ENDPOINT_URL_SAGEMAKER=" + endpoint), printed);
            assertTrue(printed.contains("export AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=" + endpoint), printed);
            assertTrue(printed.contains("export AWS_ACCESS_KEY_ID=" + KEY), printed);
            assertTrue(!printed.contains(SECRET), "the secret must not be printed");

            assertEquals(0, runScript(endpoint), () -> read(tmp.resolve("script.out")));
            assertTrue(read(tmp.resolve("script.out")).contains("aws-cli-smoke: OK"));

            // A job still running when the server is stopped.
            try (SageMakerClient sm = SageMakerClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET))).build()) {
                Path program = TestJobs.script(tmp, "long.sh", "echo running; sleep 300");
                sm.createTrainingJob(r -> r.trainingJobName("left-running")
                        .algorithmSpecification(a -> a.trainingImage(program.toUri().toString()).trainingInputMode(TrainingInputMode.FILE))
                        .roleArn("arn:aws:iam::123456789012:role/R")
                        .outputDataConfig(o -> o.s3OutputPath("s3://out-bucket/p"))
                        .resourceConfig(c -> c.instanceType("ml.m5.large").instanceCount(1).volumeSizeInGB(1))
                        .stoppingCondition(s -> s.maxRuntimeInSeconds(600)));
                // Stop the server only once the job's program runs under its supervisor: the secondary status turns
                // Training just before the launch, so wait for the record of the launched process too.
                long running = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (sm.describeTrainingJob(r -> r.trainingJobName("left-running")).secondaryStatus() != SecondaryStatus.TRAINING
                        && System.nanoTime() < running) {
                    Thread.sleep(100);
                }
                while (!launched(new KilnHome(home), "left-running") && System.nanoTime() < running) {
                    Thread.sleep(100);
                }
            }
        } finally {
            server.destroy(); // SIGTERM
        }
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "kiln serve did not stop on SIGTERM");
        List<String> output = Files.readAllLines(serverOut);
        assertTrue(output.contains("kiln serve: stopped"), String.join("\n", output));

        // One home, one job store: the next engine sees the sample job and resolves the orphan.
        KilnHome kilnHome = new KilnHome(home);
        TrainingJobRecord left;
        try (JobStore store = JobStore.open(kilnHome.database())) {
            left = store.find("left-running").orElseThrow();
        }
        assertEquals(TrainingJobStatus.InProgress, left.status(), () -> String.valueOf(left));
        ProcessRef program = left.process();
        assertTrue(program != null && ProcessTree.groupAlive(program), "the job's program outlives the server until the next start");
        try (TrainingJobService jobs = TrainingJobService.open(kilnHome, KilnConfig.load(kilnHome), LaunchMode.IN_ENGINE)) {
            TrainingJobRecord orphan = jobs.record("left-running");
            assertEquals(TrainingJobStatus.Failed, orphan.status());
            assertTrue(orphan.failureReason().contains("engine"), orphan.failureReason());
            long gone = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (runningInGroup(program.pid()) > 0 && System.nanoTime() < gone) {
                Thread.sleep(50);
            }
            assertEquals(0, runningInGroup(program.pid()), "recovery ends the orphaned program");
            assertTrue(jobs.list(new dev.kiln.api.training.ListTrainingJobsRequest(null, 100, null, null, null, null, "readme-sample",
                    "Completed", null, null, null, null)).trainingJobSummaries().size() >= 1);
        }
    }

    private int runScript(URI endpoint) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", repoRoot().resolve("scripts/aws-cli-smoke.sh").toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("script.out").toFile());
        pb.environment().put("KILN_ENDPOINT", endpoint.toString());
        pb.environment().put("AWS_ACCESS_KEY_ID", KEY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", SECRET);
        pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        // The user's own AWS configuration must not leak in.
        pb.environment().put("AWS_CONFIG_FILE", tmp.resolve("no-aws-config").toString());
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", tmp.resolve("no-aws-credentials").toString());
        pb.environment().remove("AWS_SESSION_TOKEN");
        pb.environment().remove("AWS_PROFILE");
        Process p = pb.start();
        if (!p.waitFor(240, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @Test
    void aNonLoopbackAddressWithoutCredentialsIsRefusedAtStart() {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ServeCommand()).setErr(new PrintWriter(err, true))
                .execute("--bind", "0.0.0.0", "--port", "0", "--home", tmp.resolve("home").toString());
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("Refusing to listen on 0.0.0.0 without credentials"), err.toString());
    }

    @Test
    void halfConfiguredCredentialsAreRefusedAtStart() throws IOException {
        Path home = tmp.resolve("half");
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.properties"), "kiln.auth.accessKeyId=AKIDONLY\n");
        StringWriter err = new StringWriter();
        int code = new CommandLine(new ServeCommand()).setErr(new PrintWriter(err, true))
                .execute("--port", "0", "--home", home.toString());
        assertEquals(ExitCodes.USAGE, code);
        assertTrue(err.toString().contains("kiln.auth.secretAccessKey"), err.toString());
    }

    /** Processes of a process group that still run (zombies, which only wait to be reaped, do not count). */
    private static long runningInGroup(long pgid) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return !fields[0].equals("Z") && Long.parseLong(fields[2]) == pgid;
            } catch (IOException | RuntimeException e) {
                return false; // ended meanwhile
            }
        }).count();
    }

    private static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("scripts"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository's scripts/ directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Whether the job's record names its running program (the server may hold the store: a busy read is a no). */
    private static boolean launched(KilnHome home, String job) {
        try (JobStore store = JobStore.open(home.database())) {
            return store.find(job).map(r -> r.process() != null).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
