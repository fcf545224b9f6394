package dev.kiln.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln bench-profiles} end to end with a tiny bash training program, on a declared 2-core machine without GPU. */
class BenchProfilesCommandIT {
    @TempDir
    Path tmp;
    Path home;

    @BeforeEach
    void smallMachine() throws Exception {
        home = tmp.resolve("home");
        Files.createDirectories(home);
        Files.writeString(home.resolve("config.properties"),
                "kiln.host.cpus=2\nkiln.host.memory=8g\nkiln.host.gpus=none\nkiln.stop.graceSeconds=2\n");
    }

    private Path job(String name, String body, String extraJson) throws Exception {
        Path prog = tmp.resolve(name + ".sh");
        Files.writeString(prog, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(prog, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path req = tmp.resolve(name + ".json");
        Files.writeString(req, """
                {"TrainingJobName": "%s",
                 "AlgorithmSpecification": {"TrainingImage": "%s", "TrainingInputMode": "File",
                   "MetricDefinitions": [{"Name": "loss", "Regex": "loss=([0-9.]+)"},
                                         {"Name": "threads", "Regex": "threads=([0-9]+)"}]},
                 "RoleArn": "arn:aws:iam::123456789012:role/R",
                 "OutputDataConfig": {"S3OutputPath": "s3://out-bucket/bench"},
                 "ResourceConfig": {"InstanceType": "ml.m5.large", "InstanceCount": 1, "VolumeSizeInGB": 1},
                 "StoppingCondition": {"MaxRuntimeInSeconds": 600}%s}
                """.formatted(name, prog.toUri(), extraJson));
        return req;
    }

    @Test
    void runsTheJobOncePerTypeAndComparesThem() throws Exception {
        // The program reports the thread budget it was given, so each row shows its own profile at work.
        Path req = job("tiny", "echo loss=0.5; echo loss=0.25; echo threads=$SM_NUM_CPUS", "");
        ProfileCommands.Result r = ProfileCommands.kiln(home, "bench-profiles", req.toString(),
                "--instance-types", "ml.c5.xlarge,ml.g5.xlarge");
        assertEquals(0, r.code(), r.out() + r.err());

        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("This machine: 2 CPU cores, 8 GiB memory, no NVIDIA GPU"), r.out());
        List<String> header = List.of(lines.get(2).split(" {2,}"));
        assertEquals(List.of("INSTANCE TYPE", "RAN ON", "STATUS", "WALL", "TRAINING", "BILLABLE", "EST. COST", "loss", "threads"),
                header);
        String c5 = row(lines, "ml.c5.xlarge *");
        assertTrue(c5.contains("2 CPU threads (of 4 vCPUs)"), c5);
        assertTrue(c5.matches(".*Completed +[0-9.]+ s +[0-9]+ s +[0-9]+ s +\\$0\\.[0-9]{6} +0\\.25 +2"), c5);
        String g5 = row(lines, "ml.g5.xlarge *");
        assertTrue(g5.contains("GPU profile ran on CPU: no GPU here (2 CPU threads)"), g5);
        assertTrue(g5.matches(".*Completed .* \\$0\\.[0-9]{6} +0\\.25 +2"), g5);
        assertTrue(r.err().contains("[1/2] ml.c5.xlarge: tiny-ml-c5-xlarge-"), r.err());
        assertTrue(r.err().contains("[2/2] ml.g5.xlarge: Completed"), r.err());
    }

    @Test
    void jsonHasARunPerTypeWithCostAndMetrics() throws Exception {
        Path req = job("tiny-json", "echo loss=0.125", "");
        ProfileCommands.Result r = ProfileCommands.kiln(home, "bench-profiles", req.toString(),
                "--instance-types", "ml.m5.large, ml.c5.4xlarge", "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode runs = new ObjectMapper().readTree(r.out()).get("Runs");
        assertEquals(2, runs.size());
        for (JsonNode run : runs) {
            String type = run.get("InstanceType").asText();
            assertTrue(run.get("JobName").asText().matches("tiny-json-" + type.replace(".", "\\-") + "-\\d{8}-\\d{6}"),
                    run.toString());
            assertEquals("Completed", run.get("Status").asText());
            int billable = run.get("BillableSeconds").asInt();
            assertTrue(billable >= 1, run.toString());
            double price = type.equals("ml.m5.large") ? 0.115 : 0.816;
            assertEquals(billable * price / 3600, run.get("EstimatedCostUsd").asDouble(), 1e-12);
            assertEquals(0.125, run.get("FinalMetrics").get("loss").asDouble());
        }
        assertFalse(runs.get(0).get("ScaledDown").asBoolean(), "ml.m5.large fits 2 cores and 8 GiB");
        assertEquals("2 CPU threads", runs.get(0).get("RanOn").asText());
        assertTrue(runs.get(1).get("ScaledDown").asBoolean());
    }

    @Test
    void spotRunsAreCostedWithTheDocumentedSaving() throws Exception {
        Path req = job("tiny-spot", "echo loss=1", """
                , "EnableManagedSpotTraining": true,
                 "CheckpointConfig": {"S3Uri": "s3://out-bucket/ckpt"}""");
        Files.writeString(req, Files.readString(req).replace("\"MaxRuntimeInSeconds\": 600",
                "\"MaxRuntimeInSeconds\": 600, \"MaxWaitTimeInSeconds\": 1200"));
        ProfileCommands.Result r = ProfileCommands.kiln(home, "bench-profiles", req.toString(),
                "--instance-types", "ml.c5.xlarge", "--json");
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode run = new ObjectMapper().readTree(r.out()).get("Runs").get(0);
        assertTrue(run.get("Spot").asBoolean());
        int training = run.get("TrainingSeconds").asInt();
        int billable = run.get("BillableSeconds").asInt();
        double paid = billable < training ? billable : billable * 0.30;
        assertEquals(paid * 0.204 / 3600, run.get("EstimatedCostUsd").asDouble(), 1e-12);
    }

    @Test
    void aFailedRunExitsOneAndSaysWhy() throws Exception {
        Path req = job("tiny-fail", "echo loss=9; exit 3", "");
        ProfileCommands.Result r = ProfileCommands.kiln(home, "bench-profiles", req.toString(), "--instance-types", "ml.c5.xlarge");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(row(r.out().lines().toList(), "ml.c5.xlarge *").contains("Failed"), r.out());
        assertTrue(r.out().contains("\nml.c5.xlarge: "), "the failure reason follows the table:\n" + r.out());
    }

    @Test
    void anUnknownInstanceTypeIsRejectedBeforeAnyJobRuns() throws Exception {
        Path req = job("tiny-bad", "echo loss=1", "");
        ProfileCommands.Result r = ProfileCommands.kiln(home, "bench-profiles", req.toString(),
                "--instance-types", "ml.c5.xlarge,ml.c5.huge");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("ValidationException: Unknown instance type in --instance-types: ml.c5.huge"), r.err());
        assertFalse(r.err().contains("[1/"), "nothing ran: " + r.err());
        assertEquals("", r.out());
    }

    @Test
    void anInvalidRequestIsRejectedOnceNotPerType() throws Exception {
        Path req = job("tiny-bad-role", "echo loss=1", "");
        Files.writeString(req, Files.readString(req).replace("arn:aws:iam::123456789012:role/R", "nope"));
        ProfileCommands.Result r = ProfileCommands.kiln(home, "bench-profiles", req.toString(),
                "--instance-types", "ml.c5.xlarge,ml.m5.large");
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("ValidationException: 2 validation errors detected: Value 'nope' at 'roleArn'"), r.err());
        assertEquals(1, r.err().split("detected", -1).length - 1, "said once, not once per type: " + r.err());
    }

    private static String row(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix + " in " + lines));
    }
}
