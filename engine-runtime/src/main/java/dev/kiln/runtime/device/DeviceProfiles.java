package dev.kiln.runtime.device;

import dev.kiln.api.error.ResourceLimitExceededException;
import dev.kiln.api.instance.InstanceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Maps an instance type onto this machine. Each resource is the smaller of what the type has and
 * what the host offers; every reduction is reported as a warning, or, in strict mode, refused with
 * ResourceLimitExceeded. Instances of one job share the host: each gets an equal share of cores and
 * memory and its own GPUs.
 */
public final class DeviceProfiles {
    /** A host GPU may have this much less memory than the type's and still count as equal (drivers reserve some). */
    private static final double GPU_MEMORY_TOLERANCE = 0.9;
    private static final double GIB = 1L << 30;

    private DeviceProfiles() {}

    /** The profile of the job's first instance ({@code algo-1}). */
    public static DeviceProfile map(InstanceType t, int instanceCount, HostResources host, boolean strict) {
        return forInstance(t, instanceCount, 0, host, strict);
    }

    /**
     * The profile of instance {@code instanceIndex} (0-based) of {@code instanceCount}.
     *
     * @throws ResourceLimitExceededException in strict mode, when anything had to be reduced
     */
    public static DeviceProfile forInstance(InstanceType t, int instanceCount, int instanceIndex, HostResources host,
            boolean strict) {
        if (instanceCount < 1 || instanceIndex < 0 || instanceIndex >= instanceCount) {
            throw new IllegalArgumentException("instance " + instanceIndex + " of " + instanceCount);
        }
        String shared = instanceCount == 1 ? "" : " (shared by " + instanceCount + " instances)";
        List<String> warnings = new ArrayList<>();

        int cores = Math.max(1, host.cpuCores() / instanceCount);
        int threads = Math.min(t.vcpus(), cores);
        if (threads < t.vcpus()) {
            warnings.add(String.format(Locale.ROOT, "%s asks for %d vCPUs; this machine has %d CPU cores%s: the job runs with %d threads",
                    t.name(), t.vcpus(), host.cpuCores(), shared, threads));
        }

        long memoryShare = host.memoryBytes() / instanceCount;
        long memory = Math.min(t.memoryBytes(), memoryShare);
        if (memory < t.memoryBytes()) {
            warnings.add(String.format(Locale.ROOT, "%s asks for %s of memory; this machine has %s%s: the job's memory limit is %s",
                    t.name(), gib(t.memoryBytes()), gib(host.memoryBytes()), shared, gib(memory)));
        }

        List<HostResources.Gpu> gpus = gpuSlice(host.gpus(), instanceCount, instanceIndex, t.gpus());
        gpuWarnings(t, host, gpus, shared, warnings);

        if (strict && !warnings.isEmpty()) {
            throw new ResourceLimitExceededException("Instance type " + t.name() + " does not fit this machine and "
                    + "strict device mapping is on: " + String.join("; ", warnings) + ".");
        }
        List<Integer> ids = gpus.stream().map(HostResources.Gpu::index).toList();
        return new DeviceProfile(t, threads, memory, ids, !warnings.isEmpty(), warnings);
    }

    /** Instance i of n gets the i-th equal, disjoint run of host GPUs, of at most {@code wanted}. */
    private static List<HostResources.Gpu> gpuSlice(List<HostResources.Gpu> hostGpus, int n, int i, int wanted) {
        int perInstance = hostGpus.size() / n;
        int from = i * perInstance;
        return hostGpus.subList(from, from + Math.min(wanted, perInstance));
    }

    private static void gpuWarnings(InstanceType t, HostResources host, List<HostResources.Gpu> given, String shared,
            List<String> warnings) {
        if (t.hasNonGpuAccelerator()) {
            warnings.add(t.name() + " asks for " + t.accelerator() + " accelerators; Kiln cannot use them on this "
                    + "machine: the job runs on CPU");
        }
        if (t.gpus() == 0) {
            return;
        }
        String asked = t.name() + " asks for " + t.gpus() + " GPU" + (t.gpus() == 1 ? "" : "s") + " (" + t.accelerator() + ")";
        if (host.gpus().isEmpty()) {
            warnings.add(asked + "; this machine has none: the job runs on CPU");
        } else if (given.isEmpty()) {
            warnings.add(asked + "; this machine's " + host.gpus().size() + " GPUs are too few to share" + shared
                    + ": the job runs on CPU");
        } else if (given.size() < t.gpus()) {
            warnings.add(asked + "; this machine has " + host.gpus().size() + shared + ": the job gets GPU"
                    + (given.size() == 1 ? " " : "s ") + ids(given));
        }
        long wantedMemory = t.gpuMemoryBytesPerGpu();
        for (HostResources.Gpu g : given) {
            if (g.memoryBytes() > 0 && g.memoryBytes() < wantedMemory * GPU_MEMORY_TOLERANCE) {
                warnings.add(String.format(Locale.ROOT, "%s's GPUs have %s each; GPU %d (%s) has %s",
                        t.name(), gib(wantedMemory), g.index(), g.name(), gib(g.memoryBytes())));
            }
        }
    }

    private static String ids(List<HostResources.Gpu> gpus) {
        return String.join(",", gpus.stream().map(g -> Integer.toString(g.index())).toList());
    }

    private static String gib(long bytes) {
        double g = bytes / GIB;
        return g == Math.rint(g) ? String.format(Locale.ROOT, "%.0f GiB", g) : String.format(Locale.ROOT, "%.1f GiB", g);
    }
}
