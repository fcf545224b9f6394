package dev.kiln.server.profiles;

import dev.kiln.api.instance.InstanceType;
import dev.kiln.runtime.device.DeviceProfile;
import dev.kiln.runtime.device.DeviceProfiles;
import dev.kiln.runtime.device.HostResources;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Where a job of one instance type runs on this machine, in words: the device profile the engine
 * derives for it (never strict, so that every type can be shown) and the host GPUs it is given.
 *
 * @param profile  the type's device profile for the job's first instance
 * @param gpus     the host GPUs behind {@code profile.gpuIds()}, in the same order
 * @param hostGpus how many GPUs this machine offers jobs
 */
public record Placement(DeviceProfile profile, List<HostResources.Gpu> gpus, int hostGpus) {

    public Placement {
        gpus = List.copyOf(gpus);
    }

    /** The placement of {@code type} for a job of {@code instanceCount} instances on {@code host}. */
    public static Placement of(InstanceType type, int instanceCount, HostResources host) {
        DeviceProfile p = DeviceProfiles.map(type, instanceCount, host, false);
        List<HostResources.Gpu> gpus = p.gpuIds().stream()
                .map(id -> host.gpus().stream().filter(g -> g.index() == id).findFirst()
                        .orElse(new HostResources.Gpu(id, "unknown", 0)))
                .toList();
        return new Placement(p, gpus, host.gpus().size());
    }

    public InstanceType type() {
        return profile.instanceType();
    }

    /** {@code CPU only}, {@code GPU 0} or {@code GPUs 0,1}. */
    public String devices() {
        if (gpus.isEmpty()) {
            return "CPU only";
        }
        return (gpus.size() == 1 ? "GPU " : "GPUs ") + ids();
    }

    /**
     * What a job of this type ran on, for a comparison table: {@code 2 CPU threads},
     * {@code GPU 0 (NVIDIA A10G)}, or, for a GPU type on a machine without one,
     * {@code GPU profile ran on CPU: no GPU here (2 CPU threads)}.
     */
    public String ranOn() {
        InstanceType t = type();
        String threads = threads();
        if (t.hasNonGpuAccelerator()) {
            return t.accelerator() + " profile ran on CPU: Kiln cannot use " + t.accelerator() + " (" + threads + ")";
        }
        if (t.gpus() == 0) {
            return profile.cpuThreads() < t.vcpus() ? threads + " (of " + t.vcpus() + " vCPUs)" : threads;
        }
        if (gpus.isEmpty()) {
            String why = hostGpus == 0 ? "no GPU here" : "too few GPUs here to share";
            return "GPU profile ran on CPU: " + why + " (" + threads + ")";
        }
        String where = devices() + " (" + models() + ")";
        return gpus.size() < t.gpus() ? where + ", " + gpus.size() + " of the " + t.gpus() + " GPUs asked" : where;
    }

    private String threads() {
        return profile.cpuThreads() + " CPU thread" + (profile.cpuThreads() == 1 ? "" : "s");
    }

    private String ids() {
        return gpus.stream().map(g -> Integer.toString(g.index())).collect(Collectors.joining(","));
    }

    /** The model once when all GPUs share it (the usual case), else each in order. */
    private String models() {
        List<String> names = gpus.stream().map(HostResources.Gpu::name).distinct().toList();
        return names.size() == 1 ? names.get(0) : String.join(", ", gpus.stream().map(HostResources.Gpu::name).toList());
    }
}
