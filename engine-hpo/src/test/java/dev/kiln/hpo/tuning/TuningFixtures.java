package dev.kiln.hpo.tuning;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.json.Json;
import dev.kiln.api.tuning.CreateHyperParameterTuningJobRequest;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.testing.TestJobs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Test tuning jobs: a cheap objective script and requests around it. */
final class TuningFixtures {
    private TuningFixtures() {}

    /**
     * A training program that prints {@code epoch=k loss=v} for k = 1..epochs (SM_HP_EPOCHS, default 3),
     * where v = ((x - 0.3)^2 + bonus(kind)) * (1 + 1/k): the loss falls every epoch and is least at
     * x = 0.3, kind = "good". It sleeps SM_HP_SLEEP seconds per epoch and fails when kind is "crash".
     */
    static Path objectiveScript(Path dir) throws IOException {
        return TestJobs.script(dir, "objective", """
                set -euo pipefail
                x="${SM_HP_X:-0.5}"; kind="${SM_HP_KIND:-good}"; epochs="${SM_HP_EPOCHS:-3}"; pause="${SM_HP_SLEEP:-0}"
                if [[ "$kind" == "crash" ]]; then echo "diverged" > "$SM_OUTPUT_DIR/failure"; exit 1; fi
                for ((k = 1; k <= epochs; k++)); do
                  awk -v x="$x" -v kind="$kind" -v k="$k" 'BEGIN {
                    bonus = (kind == "good") ? 0 : 0.5
                    printf "epoch=%d loss=%.6f\\n", k, ((x - 0.3) ^ 2 + bonus) * (1 + 1 / k) }'
                  if [[ "$pause" != "0" ]]; then sleep "$pause"; fi
                done
                """);
    }

    /** A Random tuning request over x in [0, 1] (and kind when {@code withKind}), minimising loss. */
    static ObjectNode request(String name, Path program, String strategy, int maxJobs, int maxParallel) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("HyperParameterTuningJobName", name);
        ObjectNode k = r.putObject("HyperParameterTuningJobConfig");
        k.put("Strategy", strategy);
        k.putObject("HyperParameterTuningJobObjective").put("Type", "Minimize").put("MetricName", "loss");
        ObjectNode limits = k.putObject("ResourceLimits").put("MaxParallelTrainingJobs", maxParallel);
        if (maxJobs > 0) {
            limits.put("MaxNumberOfTrainingJobs", maxJobs);
        }
        ObjectNode ranges = k.putObject("ParameterRanges");
        ranges.putArray("ContinuousParameterRanges").addObject().put("Name", "x").put("MinValue", "0").put("MaxValue", "1")
                .put("ScalingType", "Linear");
        k.put("RandomSeed", 7);
        ObjectNode d = r.putObject("TrainingJobDefinition");
        d.putObject("StaticHyperParameters").put("epochs", "3");
        ObjectNode alg = d.putObject("AlgorithmSpecification");
        alg.put("TrainingImage", program.toUri().toString());
        alg.put("TrainingInputMode", "File");
        alg.putArray("MetricDefinitions").addObject().put("Name", "loss").put("Regex", "loss=([0-9.eE+-]+)");
        d.put("RoleArn", "arn:aws:iam::123456789012:role/SageMakerRole");
        d.putObject("OutputDataConfig").put("S3OutputPath", "s3://out-bucket/tuning");
        d.putObject("ResourceConfig").put("InstanceType", "ml.m5.large").put("InstanceCount", 1).put("VolumeSizeInGB", 1);
        d.putObject("StoppingCondition").put("MaxRuntimeInSeconds", 300);
        r.putArray("Tags").addObject().put("Key", "team").put("Value", "search");
        return r;
    }

    static ArrayNode categorical(ObjectNode request, String name, String... values) {
        ObjectNode ranges = (ObjectNode) request.get("HyperParameterTuningJobConfig").get("ParameterRanges");
        ArrayNode list = ranges.has("CategoricalParameterRanges") ? (ArrayNode) ranges.get("CategoricalParameterRanges")
                : ranges.putArray("CategoricalParameterRanges");
        ArrayNode v = list.addObject().put("Name", name).putArray("Values");
        for (String s : values) {
            v.add(s);
        }
        return v;
    }

    static ObjectNode statics(ObjectNode request) {
        return (ObjectNode) request.get("TrainingJobDefinition").get("StaticHyperParameters");
    }

    static ObjectNode config(ObjectNode request) {
        return (ObjectNode) request.get("HyperParameterTuningJobConfig");
    }

    static CreateHyperParameterTuningJobRequest parse(ObjectNode tree) {
        return Json.mapper().convertValue(tree, CreateHyperParameterTuningJobRequest.class);
    }

    /** Settings for tests: a pretend 16-core machine so that trials of ml.m5.large run side by side, a short stop grace. */
    static KilnConfig config() {
        return KilnConfig.fromMap(Map.of("kiln.host.cpus", "16", "kiln.host.memory", "64g", "kiln.host.gpus", "none",
                "kiln.stop.graceSeconds", "2"));
    }

    static TuningJobService service(Path home) {
        return TuningJobService.open(new KilnHome(home), config(), LaunchMode.IN_ENGINE);
    }
}
