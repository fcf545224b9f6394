package dev.kiln.server.profiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.api.error.ValidationException;
import dev.kiln.api.instance.InstanceCatalog;
import dev.kiln.api.json.Json;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.validation.TrainingJobValidator;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The per-type variants of one job that {@code kiln bench-profiles} runs, each renamed and validated. */
public final class BenchRequests {
    /** TrainingJobName's maximum length. */
    static final int MAX_NAME = 63;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private BenchRequests() {}

    /** The types of a {@code --instance-types} value, in order, each once. */
    public static List<String> parseTypes(String list) {
        Set<String> types = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                types.add(part.strip());
            }
        }
        if (types.isEmpty()) {
            throw new ValidationException("--instance-types names no instance type");
        }
        return List.copyOf(types);
    }

    /**
     * One request per type, keyed by type: {@code request} with TrainingJobName
     * {@code <name>-<type, dots as dashes>-<UTC yyyyMMdd-HHmmss>} and ResourceConfig.InstanceType
     * replaced, and CheckpointConfig.S3Uri extended with that name so that no run resumes from
     * another's checkpoints. All are validated before any runs, so a bad type or request costs no job.
     *
     * @throws ValidationException for a type Kiln does not know, a job with InstanceGroups, or an invalid request
     */
    public static Map<String, CreateTrainingJobRequest> variants(CreateTrainingJobRequest request, List<String> types,
            Instant startedAt) {
        List<String> unknown = types.stream().filter(t -> InstanceCatalog.find(t).isEmpty()).toList();
        if (!unknown.isEmpty()) {
            throw new ValidationException("Unknown instance type" + (unknown.size() == 1 ? "" : "s") + " in --instance-types: "
                    + String.join(", ", unknown) + " (kiln profiles lists every type)");
        }
        if (request.resourceConfig() != null && request.resourceConfig().instanceGroups() != null
                && !request.resourceConfig().instanceGroups().isEmpty()) {
            throw new ValidationException("bench-profiles runs the job on one instance type at a time: "
                    + "remove ResourceConfig.InstanceGroups and give InstanceType and InstanceCount instead");
        }
        String stamp = STAMP.format(startedAt);
        String base = request.trainingJobName() == null ? "bench" : request.trainingJobName();
        Map<String, CreateTrainingJobRequest> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String type : types) {
            CreateTrainingJobRequest v = rewrite(request, jobName(base, type, stamp), type);
            try {
                TrainingJobValidator.validateCreate(v);
            } catch (ValidationException e) {
                problems.add(e.getMessage());
                continue;
            }
            out.put(type, v);
        }
        if (!problems.isEmpty()) {
            // The request's own faults repeat for every type; say each once.
            throw new ValidationException(String.join("\n", new LinkedHashSet<>(problems)));
        }
        return out;
    }

    /** {@code <base>-<type with dots as dashes>-<stamp>}, the base shortened to keep within 63 characters. */
    static String jobName(String base, String type, String stamp) {
        String suffix = "-" + type.replace('.', '-') + "-" + stamp;
        int room = Math.max(1, MAX_NAME - suffix.length());
        return (base.length() > room ? base.substring(0, room) : base) + suffix;
    }

    private static CreateTrainingJobRequest rewrite(CreateTrainingJobRequest r, String name, String type) {
        ObjectNode tree = Json.mapper().valueToTree(r);
        tree.put("TrainingJobName", name);
        tree.withObjectProperty("ResourceConfig").put("InstanceType", type);
        if (tree.get("CheckpointConfig") instanceof ObjectNode checkpoints && checkpoints.hasNonNull("S3Uri")) {
            // A shared checkpoint prefix would let each run resume where the previous one ended, and
            // the comparison would time resumption, not training: every run starts from an empty prefix.
            String uri = checkpoints.get("S3Uri").asText();
            checkpoints.put("S3Uri", (uri.endsWith("/") ? uri : uri + "/") + name);
        }
        return Json.mapper().convertValue(tree, CreateTrainingJobRequest.class);
    }
}
