package dev.kiln.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.api.error.KilnApiException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The tuning commands end to end: a detached tuning job, its live table, JSON output and exit codes. */
class TuningCommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    private Result kiln(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--home";
        full[args.length + 1] = tmp.resolve("home").toString();
        int code = execute(full, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    /** KilnCommand.execute, with the tuning commands added until KilnCommand lists them. */
    private static int execute(String[] args, PrintWriter out, PrintWriter err) {
        if (new CommandLine(new KilnCommand()).getSubcommands().containsKey("tune")) {
            return KilnCommand.execute(args, out, err);
        }
        CommandLine cli = new CommandLine(new KilnCommand()).addSubcommand(new TuneCommand())
                .addSubcommand(new DescribeTuningJobCommand()).addSubcommand(new ListTuningJobsCommand())
                .addSubcommand(new ListTrainingJobsForTuningJobCommand()).addSubcommand(new StopTuningJobCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof KilnApiException api) {
                commandLine.getErr().println(api.errorCode() + ": " + api.getMessage());
                return ExitCodes.REJECTED;
            }
            commandLine.getErr().println("kiln: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            return ExitCodes.INTERNAL;
        });
        return cli.execute(args);
    }

    private Path request(String name, String strategy, int epochs, double sleep, int maxJobs) throws Exception {
        Path prog = tmp.resolve("objective.sh");
        Files.writeString(prog, """
                #!/usr/bin/env bash
                for ((k = 1; k <= %d; k++)); do
                  awk -v x="$SM_HP_X" -v k="$k" 'BEGIN { printf "loss=%%.6f\\n", (x - 0.3) ^ 2 + 1 / k }'
                  sleep %s
                done
                """.formatted(epochs, sleep));
        Files.setPosixFilePermissions(prog, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(tmp.resolve("home"));
        // A pretend 16-core machine, so that trials run side by side on a small test host.
        Files.writeString(tmp.resolve("home/config.properties"), "kiln.host.cpus=16\nkiln.host.memory=64g\n"
                + "kiln.host.gpus=none\nkiln.stop.graceSeconds=2\n");
        Path req = tmp.resolve(name + ".json");
        Files.writeString(req, """
                {"HyperParameterTuningJobName": "%s",
                 "HyperParameterTuningJobConfig": {"Strategy": "%s",
                   "HyperParameterTuningJobObjective": {"Type": "Minimize", "MetricName": "loss"},
                   "ResourceLimits": {"MaxNumberOfTrainingJobs": %d, "MaxParallelTrainingJobs": 2},
                   "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "x", "MinValue": "0", "MaxValue": "1"}]},
                   "RandomSeed": 3},
                 "TrainingJobDefinition": {
                   "AlgorithmSpecification": {"TrainingImage": "./objective.sh", "TrainingInputMode": "File",
                     "MetricDefinitions": [{"Name": "loss", "Regex": "loss=([0-9.]+)"}]},
                   "RoleArn": "arn:aws:iam::123456789012:role/R",
                   "OutputDataConfig": {"S3OutputPath": "s3://out-bucket/tune"},
                   "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 1},
                   "StoppingCondition": {"MaxRuntimeInSeconds": 600}}}
                """.formatted(name, strategy, maxJobs));
        return req;
    }

    @Test
    void tuneWaitDescribeAndList() throws Exception {
        Result tune = kiln("tune", request("cli-tune", "Random", 2, 0, 4).toString(), "--wait");
        assertEquals(0, tune.code(), tune.err());
        assertEquals("arn:aws:sagemaker:us-east-1:000000000000:hyper-parameter-tuning-job/cli-tune",
                JSON.readTree(tune.out()).get("HyperParameterTuningJobArn").asText());
        assertTrue(tune.err().contains("cli-tune Completed: 4 of 4 trials"), tune.err());
        assertTrue(tune.err().matches("(?s).*cli-tune-001-[0-9a-f]{8} +[0-9.]+ +Completed +x=.*"), tune.err());
        String report = tune.err().lines().filter(l -> l.startsWith("Report: ")).findFirst().orElseThrow().substring(8);
        assertTrue(Files.readString(Path.of(report)).contains("<svg"));

        JsonNode d = JSON.readTree(kiln("describe-tuning-job", "cli-tune").out());
        assertEquals("Completed", d.get("HyperParameterTuningJobStatus").asText());
        assertEquals(4, d.get("TrainingJobStatusCounters").get("Completed").asInt());
        assertTrue(d.get("BestTrainingJob").get("FinalHyperParameterTuningJobObjectiveMetric").get("Value").isNumber());

        JsonNode list = JSON.readTree(kiln("list-tuning-jobs", "--status-equals", "Completed").out());
        assertEquals("cli-tune", list.get("HyperParameterTuningJobSummaries").get(0).get("HyperParameterTuningJobName").asText());

        JsonNode page = JSON.readTree(kiln("list-training-jobs-for-tuning-job", "cli-tune", "--sort-by",
                "FinalObjectiveMetricValue", "--max-results", "2").out());
        assertEquals(2, page.get("TrainingJobSummaries").size());
        assertEquals(d.get("BestTrainingJob").get("TrainingJobName"), page.get("TrainingJobSummaries").get(0).get("TrainingJobName"));
        assertTrue(page.hasNonNull("NextToken"));

        Result again = kiln("stop-tuning-job", "cli-tune");
        assertEquals(2, again.code());
        assertTrue(again.err().startsWith("ValidationException: "), again.err());
    }

    @Test
    void rejectedRequestsExitTwo() throws Exception {
        Path bad = request("cli-bad", "Grid", 2, 0, 4);
        Result r = kiln("tune", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("ValidationException: The Grid strategy supports only categorical"), r.err());
        assertEquals(2, kiln("describe-tuning-job", "nobody").code());
        assertEquals(2, kiln("list-training-jobs-for-tuning-job", "nobody").code());
    }

    @Test
    void stopTuningJobStopsItsTrials() throws Exception {
        Result tune = kiln("tune", request("cli-stop", "Random", 300, 0.2, 6).toString());
        assertEquals(0, tune.code(), tune.err());
        for (int i = 0; i < 400; i++) {
            JsonNode d = JSON.readTree(kiln("describe-tuning-job", "cli-stop").out());
            if (d.get("TrainingJobStatusCounters").get("InProgress").asInt() == 2) {
                break;
            }
            Thread.sleep(50);
        }
        assertEquals(0, kiln("stop-tuning-job", "cli-stop").code());
        JsonNode d = null;
        for (int i = 0; i < 600; i++) {
            d = JSON.readTree(kiln("describe-tuning-job", "cli-stop").out());
            if (d.get("HyperParameterTuningJobStatus").asText().equals("Stopped")) {
                break;
            }
            Thread.sleep(100);
        }
        assertEquals("Stopped", d.get("HyperParameterTuningJobStatus").asText(), d.toString());
        assertEquals(2, d.get("TrainingJobStatusCounters").get("Stopped").asInt());
        JsonNode jobs = JSON.readTree(kiln("list-training-jobs-for-tuning-job", "cli-stop", "--status-equals", "Stopped").out());
        assertEquals(List.of(2), List.of(jobs.get("TrainingJobSummaries").size()));
    }
}
