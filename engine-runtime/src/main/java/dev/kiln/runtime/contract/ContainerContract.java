package dev.kiln.runtime.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.training.Channel;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.S3DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SageMaker training-container contract for one host: the files under {@code input/config/} and
 * the environment the SageMaker training toolkit gives a training script ({@code SM_*}). Paths are the
 * job's local paths, because a local process sees the host file system, not {@code /opt/ml}.
 */
public final class ContainerContract {
    /** Plain JSON (snake_case keys as the toolkit writes them), not the PascalCase API mapper. */
    private static final ObjectMapper PLAIN = new ObjectMapper();

    private final CreateTrainingJobRequest request;
    private final String jobArn;
    private final JobLayout layout;
    private final HostSpec host;
    private final Map<String, String> channelInputModes;

    /**
     * @param channelInputModes the resolved input mode of each channel (the channel's own, else the job's)
     */
    public ContainerContract(CreateTrainingJobRequest request, String jobArn, JobLayout layout, HostSpec host,
            Map<String, String> channelInputModes) {
        this.request = request;
        this.jobArn = jobArn;
        this.layout = layout;
        this.host = host;
        this.channelInputModes = Map.copyOf(channelInputModes);
    }

    public List<String> channelNames() {
        return request.inputDataConfig() == null ? List.of()
                : request.inputDataConfig().stream().map(Channel::channelName).toList();
    }

    public Map<String, String> hyperParameters() {
        return request.hyperParameters() == null ? Map.of() : new TreeMap<>(request.hyperParameters());
    }

    /** Writes hyperparameters.json, resourceconfig.json and inputdataconfig.json. */
    public void writeConfigFiles() {
        try {
            Path dir = layout.inputConfigDir();
            Files.createDirectories(dir);
            write(dir.resolve("hyperparameters.json"), PLAIN.valueToTree(hyperParameters()));
            write(dir.resolve("resourceconfig.json"), resourceConfig());
            write(dir.resolve("inputdataconfig.json"), inputDataConfig());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job's input/config files", e);
        }
    }

    private static void write(Path file, JsonNode node) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, PLAIN.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** resourceconfig.json as the service writes it. */
    public ObjectNode resourceConfig() {
        ObjectNode rc = PLAIN.createObjectNode();
        rc.put("current_host", host.currentHost());
        rc.put("current_instance_type", host.instanceType());
        rc.put("current_group_name", host.groupName());
        ArrayNode hosts = rc.putArray("hosts");
        host.hosts().forEach(hosts::add);
        ArrayNode groups = rc.putArray("instance_groups");
        for (HostSpec.InstanceGroupSpec group : host.instanceGroups()) {
            ObjectNode g = groups.addObject();
            g.put("instance_group_name", group.name());
            g.put("instance_type", group.instanceType());
            ArrayNode gh = g.putArray("hosts");
            group.hosts().forEach(gh::add);
        }
        rc.put("network_interface_name", "eth0");
        return rc;
    }

    /** inputdataconfig.json: per channel its content type, input mode, distribution and wrapping. */
    public ObjectNode inputDataConfig() {
        ObjectNode root = PLAIN.createObjectNode();
        if (request.inputDataConfig() == null) {
            return root;
        }
        for (Channel c : request.inputDataConfig()) {
            ObjectNode n = root.putObject(c.channelName());
            if (c.contentType() != null) {
                n.put("ContentType", c.contentType());
            }
            n.put("TrainingInputMode", channelInputModes.getOrDefault(c.channelName(), "File"));
            S3DataSource s3 = c.dataSource() == null ? null : c.dataSource().s3DataSource();
            n.put("S3DistributionType", s3 != null && s3.s3DataDistributionType() != null
                    ? s3.s3DataDistributionType() : "FullyReplicated");
            n.put("RecordWrapperType", c.recordWrapperType() == null ? "None" : c.recordWrapperType());
            if (c.compressionType() != null) {
                n.put("CompressionType", c.compressionType());
            }
            if (c.shuffleConfig() != null && c.shuffleConfig().seed() != null) {
                n.putObject("ShuffleConfig").put("Seed", c.shuffleConfig().seed());
            }
        }
        return root;
    }

    /**
     * The job's environment: thread limits from the device profile, then the request's Environment
     * (so a user may override OMP_NUM_THREADS), then the contract variables, which nothing overrides.
     */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(host.threadEnv());
        if (request.environment() != null) {
            env.putAll(request.environment());
        }
        Map<String, String> hps = hyperParameters();
        String modelDir = layout.modelDir().toString();
        env.put("TRAINING_JOB_NAME", request.trainingJobName());
        env.put("TRAINING_JOB_ARN", jobArn);
        env.put("SM_MODEL_DIR", modelDir);
        env.put("SM_INPUT_DIR", layout.inputDir().toString());
        env.put("SM_INPUT_CONFIG_DIR", layout.inputConfigDir().toString());
        env.put("SM_OUTPUT_DIR", layout.outputDir().toString());
        env.put("SM_OUTPUT_DATA_DIR", layout.outputDataDir().toString());
        env.put("SM_OUTPUT_INTERMEDIATE_DIR", layout.outputDir().resolve("intermediate").toString());
        env.put("SM_CHANNELS", json(channelNames()));
        for (String ch : channelNames()) {
            env.put("SM_CHANNEL_" + envName(ch), layout.dataDir().resolve(ch).toString());
        }
        env.put("SM_HPS", json(typedHyperParameters(hps)));
        hps.forEach((k, v) -> env.put("SM_HP_" + envName(k), v));
        env.put("SM_NUM_CPUS", Integer.toString(host.numCpus()));
        env.put("SM_NUM_GPUS", Integer.toString(host.gpuIds().size()));
        env.put("SM_NUM_NEURONS", "0");
        env.put("SM_HOSTS", json(host.hosts()));
        env.put("SM_CURRENT_HOST", host.currentHost());
        env.put("SM_CURRENT_INSTANCE_TYPE", host.instanceType());
        env.put("SM_CURRENT_INSTANCE_GROUP", host.groupName());
        env.put("SM_MASTER_HOSTNAME", host.hosts().get(0));
        env.put("SM_IS_MASTER", Boolean.toString(host.currentHost().equals(host.hosts().get(0))));
        env.put("SM_NETWORK_INTERFACE_NAME", "eth0");
        env.put("SM_RESOURCE_CONFIG", json(resourceConfig()));
        env.put("SM_INPUT_DATA_CONFIG", json(inputDataConfig()));
        env.put("SM_LOG_LEVEL", "20");
        env.put("SM_TRAINING_ENV", json(trainingEnv(hps)));
        if (!host.hostAddresses().isEmpty()) {
            // Not part of the toolkit: local hosts share one machine, each on its own loopback address.
            env.put("KILN_HOST_ADDRESSES", json(new java.util.TreeMap<>(host.hostAddresses())));
            env.put("KILN_HOST_ADDRESS", host.hostAddresses().get(host.currentHost()));
            env.put("SM_MASTER_ADDR", host.hostAddresses().get(host.hosts().get(0)));
        }
        // Not part of the toolkit: where this job's checkpoint directory really is, since a local
        // process cannot see /opt/ml/checkpoints.
        env.put("KILN_CHECKPOINT_DIR", layout.checkpointDir(request.checkpointConfig()).toString());
        if (request.tensorBoardOutputConfig() != null) {
            env.put("KILN_TENSORBOARD_DIR", layout.tensorBoardDir(request.tensorBoardOutputConfig()).toString());
        }
        env.put("KILN_OPT_ML", layout.optMl().toString());
        return env;
    }

    private ObjectNode trainingEnv(Map<String, String> hps) {
        ObjectNode n = PLAIN.createObjectNode();
        ObjectNode dirs = n.putObject("channel_input_dirs");
        for (String ch : channelNames()) {
            dirs.put(ch, layout.dataDir().resolve(ch).toString());
        }
        n.put("current_host", host.currentHost());
        n.put("current_instance_type", host.instanceType());
        n.put("current_instance_group", host.groupName());
        ArrayNode groupHosts = n.putArray("current_instance_group_hosts");
        host.instanceGroups().stream().filter(g -> g.name().equals(host.groupName()))
                .flatMap(g -> g.hosts().stream()).forEach(groupHosts::add);
        n.set("hosts", PLAIN.valueToTree(host.hosts()));
        n.set("hyperparameters", typedHyperParameters(hps));
        n.put("input_config_dir", layout.inputConfigDir().toString());
        n.set("input_data_config", inputDataConfig());
        n.put("input_dir", layout.inputDir().toString());
        n.put("is_master", host.currentHost().equals(host.hosts().get(0)));
        n.put("job_name", request.trainingJobName());
        n.put("log_level", 20);
        n.put("master_hostname", host.hosts().get(0));
        n.put("model_dir", layout.modelDir().toString());
        n.put("network_interface_name", "eth0");
        n.put("num_cpus", host.numCpus());
        n.put("num_gpus", host.gpuIds().size());
        n.put("num_neurons", 0);
        n.put("output_data_dir", layout.outputDataDir().toString());
        n.put("output_dir", layout.outputDir().toString());
        n.put("output_intermediate_dir", layout.outputDir().resolve("intermediate").toString());
        n.set("resource_config", resourceConfig());
        return n;
    }

    /** As the toolkit does, hyperparameter values that parse as JSON are given typed (5 -> 5, "true" -> true). */
    static ObjectNode typedHyperParameters(Map<String, String> hps) {
        ObjectNode n = PLAIN.createObjectNode();
        hps.forEach((k, v) -> {
            try {
                JsonNode parsed = PLAIN.readTree(v);
                n.set(k, parsed == null || parsed.isMissingNode() ? PLAIN.getNodeFactory().textNode(v) : parsed);
            } catch (IOException notJson) {
                n.put(k, v);
            }
        });
        return n;
    }

    /**
     * Upper-cases a channel or hyperparameter name for SM_CHANNEL_ and SM_HP_ variables. Characters
     * that shells cannot use in a variable name ({@code -} and {@code .}) become {@code _}.
     */
    public static String envName(String name) {
        return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    }

    private static String json(Object value) {
        try {
            return PLAIN.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
