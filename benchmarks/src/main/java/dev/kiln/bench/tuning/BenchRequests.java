package dev.kiln.bench.tuning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.json.Json;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.runtime.config.KilnConfig;
import java.nio.file.Path;
import java.util.Map;

/** Tuning requests over the benchmark functions, and engine settings that never queue trials for capacity. */
final class BenchRequests {
    private BenchRequests() {}

    /** Branin on [-5, 10] x [0, 15]; Hartmann6 on [0, 1]^6. Minimised, objective metric "objective". */
    static CreateHyperParameterTuningJobRequest request(String name, String function, Path program, String strategy,
            int maxJobs, int parallel, long seed, Map<String, String> environment) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("HyperParameterTuningJobName", name);
        ObjectNode k = r.putObject("HyperParameterTuningJobConfig");
        k.put("Strategy", strategy);
        k.putObject("HyperParameterTuningJobObjective").put("Type", "Minimize").put("MetricName", "objective");
        k.putObject("ResourceLimits").put("MaxNumberOfTrainingJobs", maxJobs).put("MaxParallelTrainingJobs", parallel);
        ArrayNode ranges = k.putObject("ParameterRanges").putArray("ContinuousParameterRanges");
        if (function.equals("branin")) {
            ranges.addObject().put("Name", "x1").put("MinValue", "-5").put("MaxValue", "10").put("ScalingType", "Linear");
            ranges.addObject().put("Name", "x2").put("MinValue", "0").put("MaxValue", "15").put("ScalingType", "Linear");
        } else {
            for (int i = 1; i <= 6; i++) {
                ranges.addObject().put("Name", "x" + i).put("MinValue", "0").put("MaxValue", "1").put("ScalingType", "Linear");
            }
        }
        k.put("RandomSeed", seed);
        ObjectNode d = r.putObject("TrainingJobDefinition");
        if (strategy.equals("Hyperband")) {
            d.putObject("StaticHyperParameters").put("epochs", environment.getOrDefault("EPOCHS", "1"));
        }
        ObjectNode alg = d.putObject("AlgorithmSpecification");
        alg.put("TrainingImage", program.toUri().toString());
        alg.put("TrainingInputMode", "File");
        alg.putArray("MetricDefinitions").addObject().put("Name", "objective").put("Regex", "objective=([-0-9.eE+]+)");
        d.put("RoleArn", "arn:aws:iam::123456789012:role/Bench");
        d.putObject("OutputDataConfig").put("S3OutputPath", "s3://bench/tuning");
        d.putObject("ResourceConfig").put("InstanceType", "ml.m5.large").put("InstanceCount", 1).put("VolumeSizeInGB", 1);
        d.putObject("StoppingCondition").put("MaxRuntimeInSeconds", 600);
        ObjectNode env = d.putObject("Environment");
        environment.forEach(env::put);
        return Json.mapper().convertValue(r, CreateHyperParameterTuningJobRequest.class);
    }

    /** A pretend large machine: the benchmarks measure the tuning loop, not the capacity queue. */
    static KilnConfig config() {
        return KilnConfig.fromMap(Map.of("kiln.host.cpus", "64", "kiln.host.memory", "256g", "kiln.host.gpus", "none"));
    }
}
