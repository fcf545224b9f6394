package dev.kiln.server.profiles;

import dev.kiln.api.instance.InstancePrices;
import dev.kiln.api.instance.InstanceType;
import dev.kiln.runtime.device.DeviceProfile;
import java.util.List;
import java.util.Optional;

/**
 * One instance type as {@code kiln profiles} shows it: AWS's figures, its price, and what it maps
 * to on this machine.
 *
 * @param gpuMemoryGiB   memory of each GPU; null without GPUs
 * @param accelerator    the accelerator AWS names, e.g. {@code NVIDIA A10G}; null for CPU types
 * @param usdPerHour     On-Demand USD per hour (us-east-1); null when Kiln has no price for the type
 * @param priceEstimated whether the price was derived rather than published; null without a price
 * @param cpuThreads     threads a job of this type gets here
 * @param memoryLimitGiB the memory limit a job of this type gets here
 * @param gpuIds         the host GPUs a job of this type gets (nvidia-smi indices)
 * @param devices        {@code CPU only}, {@code GPU 0}, {@code GPUs 0,1}
 * @param scaledDown     whether anything is less than the type has
 * @param warnings       why, one sentence per reduced resource
 */
public record ProfileRow(String instanceType, int vcpus, double memoryGiB, int gpus, String gpuModel, Double gpuMemoryGiB,
        String accelerator, Double usdPerHour, Boolean priceEstimated, int cpuThreads, double memoryLimitGiB,
        List<Integer> gpuIds, String devices, boolean scaledDown, List<String> warnings) {

    public ProfileRow {
        gpuIds = List.copyOf(gpuIds);
        warnings = List.copyOf(warnings);
    }

    public static ProfileRow of(Placement placement) {
        InstanceType t = placement.type();
        DeviceProfile p = placement.profile();
        Optional<InstancePrices.Price> price = InstancePrices.find(t.name());
        return new ProfileRow(t.name(), t.vcpus(), t.memoryGiB(), t.gpus(), t.gpuModel(),
                t.gpus() > 0 ? t.gpuMemoryGiBPerGpu() : null, t.accelerator(),
                price.map(InstancePrices.Price::usdPerHour).orElse(null),
                price.map(InstancePrices.Price::estimated).orElse(null),
                p.cpuThreads(), Units.gib(p.memoryLimitBytes()), p.gpuIds(), placement.devices(), p.scaledDown(), p.warnings());
    }
}
