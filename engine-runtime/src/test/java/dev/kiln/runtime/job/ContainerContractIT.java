package dev.kiln.runtime.job;

import static dev.kiln.runtime.testing.TestJobs.addChannel;
import static dev.kiln.runtime.testing.TestJobs.hyperParameters;
import static dev.kiln.runtime.testing.TestJobs.request;
import static dev.kiln.runtime.testing.TestJobs.script;
import static dev.kiln.runtime.testing.TestJobs.toRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.training.DescribeTrainingJobRequest;
import dev.kiln.runtime.store.TrainingJobRecord;
import dev.kiln.runtime.testing.TestJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job sees exactly the files and variables of the SageMaker training-container contract. */
class ContainerContractIT {
    @TempDir
    Path tmp;

    @Test
    void jobSeesTheContractFilesAndVariables() throws Exception {
        Path home = tmp.resolve("home");
        Path data = Files.createDirectories(home.resolve("s3/data-bucket/train"));
        Files.writeString(data.resolve("part-0.csv"), "1,2\n");
        Path prog = script(tmp.resolve("bin"), "train", """
                [[ "$1" == "train" ]] || { echo "bad argument $1" > "$SM_OUTPUT_DIR/failure"; exit 1; }
                env -0 > "$SM_MODEL_DIR/env.bin"
                cp "$SM_INPUT_CONFIG_DIR"/*.json "$SM_MODEL_DIR/"
                (cd "$SM_INPUT_DIR/data" && find . -type f | sort) > "$SM_MODEL_DIR/files.txt"
                echo "pwd=$(pwd)"
                """);
        ObjectNode req = request("contract-job", prog);
        hyperParameters(req, Map.of("epochs", "5", "learning-rate", "0.1", "mode", "fast"));
        addChannel(req, "train", "s3://data-bucket/train/");
        ((ObjectNode) req).putObject("Environment").put("MY_FLAG", "on").put("OMP_NUM_THREADS", "1");

        try (var service = TestJobs.service(home)) {
            service.create(toRequest(req), tmp);
            TrainingJobRecord done = service.awaitTerminal("contract-job", Duration.ofSeconds(30));
            assertEquals("Completed", done.status().name(), () -> String.valueOf(done.failureReason()));

            Path model = home.resolve("jobs/contract-job/opt/ml/model");
            Map<String, String> env = new HashMap<>();
            for (String kv : Files.readString(model.resolve("env.bin")).split("\0")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    env.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            Path optMl = home.resolve("jobs/contract-job/opt/ml").toAbsolutePath();
            assertEquals(optMl.resolve("model").toString(), env.get("SM_MODEL_DIR"));
            assertEquals(optMl.resolve("input/data/train").toString(), env.get("SM_CHANNEL_TRAIN"));
            assertEquals("[\"train\"]", env.get("SM_CHANNELS"));
            assertEquals("[\"algo-1\"]", env.get("SM_HOSTS"));
            assertEquals("algo-1", env.get("SM_CURRENT_HOST"));
            assertEquals("contract-job", env.get("TRAINING_JOB_NAME"));
            assertEquals("5", env.get("SM_HP_EPOCHS"));
            assertEquals("0.1", env.get("SM_HP_LEARNING_RATE"));
            assertEquals(optMl.resolve("output/data").toString(), env.get("SM_OUTPUT_DATA_DIR"));
            assertEquals(optMl.resolve("input").toString(), env.get("SM_INPUT_DIR"));
            assertEquals(optMl.resolve("input/config").toString(), env.get("SM_INPUT_CONFIG_DIR"));
            assertEquals("on", env.get("MY_FLAG"));
            assertEquals("1", env.get("OMP_NUM_THREADS"), "the request's Environment overrides thread limits");
            assertEquals("0", env.get("SM_NUM_GPUS"));
            assertTrue(Integer.parseInt(env.get("SM_NUM_CPUS")) >= 1);
            assertTrue(env.containsKey("CUDA_VISIBLE_DEVICES"));

            ObjectMapper m = new ObjectMapper();
            JsonNode hps = m.readTree(env.get("SM_HPS"));
            assertEquals(5, hps.get("epochs").asInt());
            assertTrue(hps.get("epochs").isNumber(), "SM_HPS types values that parse as JSON");
            assertEquals("fast", hps.get("mode").asText());
            JsonNode trainingEnv = m.readTree(env.get("SM_TRAINING_ENV"));
            assertEquals("contract-job", trainingEnv.get("job_name").asText());
            assertEquals(env.get("SM_CHANNEL_TRAIN"), trainingEnv.get("channel_input_dirs").get("train").asText());

            // The job's environment is the contract, not the engine's: nothing else leaks in.
            Set<String> allowedExtra = Set.of("PATH", "HOME", "USER", "LOGNAME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE",
                    "TZ", "TMPDIR", "SHELL", "TERM", "JAVA_HOME", "PYENV_ROOT", "PYENV_VERSION", "VIRTUAL_ENV",
                    "CONDA_PREFIX", "CONDA_DEFAULT_ENV", "LD_LIBRARY_PATH", "PYTHONPATH", "PYTHONUNBUFFERED", "PWD", "SHLVL",
                    "_", "OLDPWD", "MY_FLAG");
            Set<String> unexpected = env.keySet().stream()
                    .filter(k -> !k.startsWith("SM_") && !k.startsWith("TRAINING_JOB_") && !k.startsWith("KILN_")
                            && !k.contains("THREADS") && !k.startsWith("CUDA_") && !allowedExtra.contains(k))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertTrue(unexpected.isEmpty(), "unexpected variables " + unexpected);

            JsonNode hpFile = m.readTree(model.resolve("hyperparameters.json").toFile());
            assertEquals("5", hpFile.get("epochs").asText(), "hyperparameters.json holds strings, as the service writes it");
            JsonNode rc = m.readTree(model.resolve("resourceconfig.json").toFile());
            assertEquals("algo-1", rc.get("current_host").asText());
            assertEquals("ml.m5.large", rc.get("current_instance_type").asText());
            assertEquals("algo-1", rc.get("hosts").get(0).asText());
            assertEquals("homogeneousCluster", rc.get("current_group_name").asText());
            JsonNode idc = m.readTree(model.resolve("inputdataconfig.json").toFile());
            assertEquals("File", idc.get("train").get("TrainingInputMode").asText());
            assertEquals("FullyReplicated", idc.get("train").get("S3DistributionType").asText());
            assertEquals("./train/part-0.csv", Files.readString(model.resolve("files.txt")).trim());

            for (String dir : new String[] {"model", "output/data", "checkpoints", "input/config", "input/data/train"}) {
                assertTrue(Files.isDirectory(optMl.resolve(dir)), dir);
            }
            assertFalse(Files.exists(optMl.resolve("output/failure")));
            var d = service.describe(new DescribeTrainingJobRequest("contract-job"));
            assertEquals("s3://out-bucket/jobs/contract-job/output/model.tar.gz", d.modelArtifacts().s3ModelArtifacts());
            assertTrue(Files.isRegularFile(home.resolve("s3/out-bucket/jobs/contract-job/output/model.tar.gz")));
            assertTrue(Files.isRegularFile(home.resolve("s3/out-bucket/jobs/contract-job/output/output.tar.gz")));
            try (Stream<String> lines = Files.lines(service.logFile("contract-job"))) {
                assertTrue(lines.anyMatch(l -> l.contains("pwd=")), "stdout reaches the job log");
            }
        }
    }
}
