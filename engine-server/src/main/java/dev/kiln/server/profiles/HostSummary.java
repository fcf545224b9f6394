package dev.kiln.server.profiles;

import dev.kiln.runtime.device.HostResources;
import java.util.List;
import java.util.Locale;

/**
 * This machine as Kiln offers it to jobs (after {@code kiln.host.*} settings), for reports.
 *
 * @param cpuCores  CPU cores
 * @param memoryGiB memory in GiB
 * @param gpus      NVIDIA GPUs
 */
public record HostSummary(int cpuCores, double memoryGiB, List<Gpu> gpus) {

    /**
     * One GPU.
     *
     * @param memoryGiB its memory; null when unknown
     */
    public record Gpu(int index, String name, Double memoryGiB) {}

    public HostSummary {
        gpus = List.copyOf(gpus);
    }

    public static HostSummary of(HostResources host) {
        return new HostSummary(host.cpuCores(), Units.gib(host.memoryBytes()), host.gpus().stream()
                .map(g -> new Gpu(g.index(), g.name(), g.memoryBytes() > 0 ? Units.gib(g.memoryBytes()) : null))
                .toList());
    }

    /** {@code This machine: 2 CPU cores, 7.8 GiB memory, no NVIDIA GPU}. */
    public String describe() {
        String gpuText = gpus.isEmpty() ? "no NVIDIA GPU" : String.join(", ", gpus.stream()
                .map(g -> String.format(Locale.ROOT, "GPU %d %s%s", g.index(), g.name(),
                        g.memoryGiB() == null ? "" : " (" + Units.gibText(g.memoryGiB()) + ")"))
                .toList());
        return "This machine: " + cpuCores + " CPU core" + (cpuCores == 1 ? "" : "s") + ", "
                + Units.gibText(memoryGiB) + " memory, " + gpuText;
    }
}
