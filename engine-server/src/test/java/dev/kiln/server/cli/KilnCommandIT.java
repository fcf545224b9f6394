package dev.kiln.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kiln command line end to end: exit codes, output shapes, and the sample job. */
class KilnCommandIT {
    @TempDir
    Path tmp;

    @org.junit.jupiter.api.BeforeAll
    static void shortGrace() {
        // Detached supervisors inherit kiln.* settings from the engine that launches them.
        System.setProperty("kiln.stop.graceSeconds", "2");
    }

    record Result(int code, String out, String err) {}

    private Result kiln(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 2];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--home";
        full[args.length + 1] = tmp.resolve("home").toString();
        int code = KilnCommand.execute(full, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private Path job(String name, String body, String extraJson) throws Exception {
        Path prog = tmp.resolve(name + ".sh");
        Files.writeString(prog, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(prog, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path req = tmp.resolve(name + ".json");
        Files.writeString(req, """
                {"TrainingJobName": "%s",
                 "AlgorithmSpecification": {"TrainingImage": "./%s.sh", "TrainingInputMode": "File",
                   "MetricDefinitions": [{"Name": "loss", "Regex": "loss=([0-9.]+)"}]},
                 "RoleArn": "arn:aws:iam::123456789012:role/R",
                 "OutputDataConfig": {"S3OutputPath": "s3://out-bucket/cli"},
                 "ResourceConfig": {"InstanceType": "ml.c5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 1},
                 "StoppingCondition": {"MaxRuntimeInSeconds": 600}%s}
                """.formatted(name, name, extraJson));
        return req;
    }

    @Test
    void trainWaitDescribeListLogs() throws Exception {
        Path req = job("cli-ok", "echo loss=0.5; echo loss=0.25", "");
        Result train = kiln("train", req.toString(), "--wait");
        assertEquals(0, train.code(), train.err());
        JsonNode arn = new ObjectMapper().readTree(train.out());
        assertEquals("arn:aws:sagemaker:us-east-1:000000000000:training-job/cli-ok", arn.get("TrainingJobArn").asText());
        assertTrue(train.err().contains("Completed"), train.err());

        Result describe = kiln("describe-training-job", "cli-ok");
        assertEquals(0, describe.code());
        JsonNode d = new ObjectMapper().readTree(describe.out());
        assertEquals("Completed", d.get("TrainingJobStatus").asText());
        assertEquals(0.25, d.get("FinalMetricDataList").get(0).get("Value").asDouble());
        assertTrue(d.get("CreationTime").isNumber(), "timestamps are epoch seconds");

        Result list = kiln("list-training-jobs", "--status-equals", "Completed", "--max-results", "5");
        assertEquals(0, list.code());
        assertEquals("cli-ok", new ObjectMapper().readTree(list.out()).get("TrainingJobSummaries").get(0).get("TrainingJobName").asText());

        Result logs = kiln("logs", "cli-ok");
        assertEquals(0, logs.code());
        // The program's lines, in order, among Kiln's own "[kiln] ..." notes (warnings, where the model went).
        assertEquals(java.util.List.of("loss=0.5", "loss=0.25"),
                logs.out().lines().filter(l -> !l.startsWith("[kiln]")).toList());
        assertTrue(logs.out().contains("[kiln] model artifacts: s3://out-bucket/cli/cli-ok/output/model.tar.gz"), logs.out());
    }

    @Test
    void exitCodesForFailedStoppedAndRejected() throws Exception {
        assertEquals(1, kiln("train", job("cli-fail", "exit 4", "").toString(), "--wait").code());

        Result rejected = kiln("train", job("bad name", "exit 0", "").toString());
        assertEquals(2, rejected.code());
        assertTrue(rejected.err().startsWith("ValidationException: 1 validation error detected: Value 'bad name' at 'trainingJobName'"),
                rejected.err());

        Path unknown = tmp.resolve("unknown.json");
        Files.writeString(unknown, "{\"TrainingJobName\": \"x\", \"Bogus\": 1}");
        Result u = kiln("train", unknown.toString());
        assertEquals(2, u.code());
        assertTrue(u.err().contains("Unknown parameter in input: \"Bogus\""), u.err());

        Result missing = kiln("describe-training-job", "nope");
        assertEquals(2, missing.code());
        assertTrue(missing.err().startsWith("ResourceNotFound:"), missing.err());

        Path slow = job("cli-slow", "echo started; while true; do sleep 0.1; done", "");
        assertEquals(0, kiln("train", slow.toString()).code());
        Thread.sleep(500);
        assertEquals(0, kiln("stop-training-job", "cli-slow").code());
        String status = "";
        for (int i = 0; i < 200 && !status.equals("Stopped"); i++) {
            Thread.sleep(100);
            status = new ObjectMapper().readTree(kiln("describe-training-job", "cli-slow").out()).get("TrainingJobStatus").asText();
        }
        assertEquals("Stopped", status);

        Path limited = job("cli-max", "while true; do sleep 0.1; done", "");
        Files.writeString(limited, Files.readString(limited).replace("\"MaxRuntimeInSeconds\": 600", "\"MaxRuntimeInSeconds\": 1"));
        Result waited = kiln("train", limited.toString(), "--wait");
        assertEquals(3, waited.code(), waited.err());
        assertTrue(waited.err().contains("MaxRuntimeExceeded"), waited.err());
    }
}
