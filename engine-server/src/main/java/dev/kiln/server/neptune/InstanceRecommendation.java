package dev.kiln.server.neptune;

import dev.kiln.api.neptune.NeptuneJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The training instance data processing recommends, from an estimate of the model's memory: 400
 * floats per entity and relation (the largest default embedding, RotatE's complex 200) times three
 * (parameters, optimiser state, best-epoch copy) plus 64 bytes per triple. Written, as Neptune does,
 * to {@code train_instance_recommendation.json} ({@code instance}, {@code cpu_instance},
 * {@code disk_size} and {@code mem_size} in bytes).
 */
record InstanceRecommendation(String instance, String cpuInstance, long diskBytes, long memoryBytes) {
    private static final long GIB = 1L << 30;

    static InstanceRecommendation forKge(int entities, int relations, long triples, long inputBytes) {
        long memory = (entities + (long) relations) * 400L * 4 * 3 + triples * 64;
        // The V100 of a p3 has 16 GiB; leave room for the framework.
        String gpu = memory <= 12 * GIB ? "ml.p3.2xlarge" : memory <= 48 * GIB ? "ml.p3.8xlarge" : "ml.p3.16xlarge";
        String cpu = memory <= 24 * GIB ? "ml.m5.2xlarge" : memory <= 48 * GIB ? "ml.m5.4xlarge" : "ml.m5.12xlarge";
        long disk = 2 * inputBytes + 3 * memory;
        return new InstanceRecommendation(gpu, cpu, disk, memory);
    }

    /** A heterogeneous graph: node features plus a 128-wide hidden state per node, three copies as above. */
    static InstanceRecommendation forGraph(long nodes, long edges, long featureValues, long inputBytes) {
        long memory = (featureValues + nodes * 128L) * 4 * 3 + edges * 64;
        String gpu = memory <= 12 * GIB ? "ml.p3.2xlarge" : memory <= 48 * GIB ? "ml.p3.8xlarge" : "ml.p3.16xlarge";
        String cpu = memory <= 24 * GIB ? "ml.m5.2xlarge" : memory <= 48 * GIB ? "ml.m5.4xlarge" : "ml.m5.12xlarge";
        return new InstanceRecommendation(gpu, cpu, 2 * inputBytes + 3 * memory, memory);
    }

    int volumeSizeInGB() {
        return (int) Math.max(1, (diskBytes + GIB - 1) / GIB);
    }

    void writeTo(Path file) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("instance", instance);
        json.put("cpu_instance", cpuInstance);
        json.put("disk_size", diskBytes);
        json.put("mem_size", memoryBytes);
        Files.writeString(file, NeptuneJson.pretty(json));
    }
}
