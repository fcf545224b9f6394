package dev.kiln.runtime.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.json.Json;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.job.TrainingJobService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

/** Builders for test jobs: executable scripts and minimal valid CreateTrainingJob requests. */
public final class TestJobs {
    private TestJobs() {}

    /** Writes an executable bash script. */
    public static Path script(Path dir, String name, String body) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.writeString(p, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    /** A minimal valid request (as a mutable JSON tree) running {@code program}, with no input channels. */
    public static ObjectNode request(String name, Path program) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("TrainingJobName", name);
        ObjectNode alg = r.putObject("AlgorithmSpecification");
        alg.put("TrainingImage", program.toUri().toString());
        alg.put("TrainingInputMode", "File");
        r.put("RoleArn", "arn:aws:iam::123456789012:role/SageMakerRole");
        r.putObject("OutputDataConfig").put("S3OutputPath", "s3://out-bucket/jobs");
        ObjectNode rc = r.putObject("ResourceConfig");
        rc.put("InstanceType", "ml.m5.large");
        rc.put("InstanceCount", 1);
        rc.put("VolumeSizeInGB", 1);
        r.putObject("StoppingCondition").put("MaxRuntimeInSeconds", 3600);
        return r;
    }

    /** A request running a built-in algorithm. */
    public static ObjectNode algorithmRequest(String name, String algorithmName) {
        ObjectNode r = request(name, Path.of("/bin/true"));
        ObjectNode alg = (ObjectNode) r.get("AlgorithmSpecification");
        alg.remove("TrainingImage");
        alg.put("AlgorithmName", algorithmName);
        return r;
    }

    public static ObjectNode addChannel(ObjectNode request, String channel, String s3Uri) {
        ArrayNode channels = request.has("InputDataConfig") ? (ArrayNode) request.get("InputDataConfig")
                : request.putArray("InputDataConfig");
        ObjectNode c = channels.addObject();
        c.put("ChannelName", channel);
        ObjectNode s3 = c.putObject("DataSource").putObject("S3DataSource");
        s3.put("S3DataType", "S3Prefix");
        s3.put("S3Uri", s3Uri);
        s3.put("S3DataDistributionType", "FullyReplicated");
        return c;
    }

    public static ObjectNode hyperParameters(ObjectNode request, Map<String, String> hps) {
        ObjectNode h = request.putObject("HyperParameters");
        hps.forEach(h::put);
        return h;
    }

    public static void metric(ObjectNode request, String name, String regex) {
        ObjectNode alg = (ObjectNode) request.get("AlgorithmSpecification");
        ArrayNode defs = alg.has("MetricDefinitions") ? (ArrayNode) alg.get("MetricDefinitions") : alg.putArray("MetricDefinitions");
        defs.addObject().put("Name", name).put("Regex", regex);
    }

    public static CreateTrainingJobRequest toRequest(ObjectNode tree) {
        return Json.mapper().convertValue(tree, CreateTrainingJobRequest.class);
    }

    /** An in-engine service over a fresh home, with a short stop grace so tests are quick. */
    public static TrainingJobService service(Path home, Duration grace) {
        KilnConfig config = KilnConfig.defaults().withStopGrace(grace).withInThreadAlgorithms(false);
        return TrainingJobService.open(new KilnHome(home), config, LaunchMode.IN_ENGINE);
    }

    public static TrainingJobService service(Path home) {
        return service(home, Duration.ofSeconds(5));
    }
}
