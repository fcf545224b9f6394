package dev.kiln.api.instance;

/**
 * The hardware an ML instance type stands for, as AWS publishes it.
 *
 * @param name               the type's name, e.g. {@code ml.p3.2xlarge}
 * @param vcpus              virtual CPUs
 * @param memoryGiB          instance memory in GiB
 * @param gpus               NVIDIA GPUs (0 for CPU types and for Trainium types)
 * @param gpuModel           GPU model, e.g. {@code V100}; null without GPUs
 * @param gpuMemoryGiBPerGpu memory of each GPU in GiB; 0 without GPUs
 * @param family             the name's middle part, e.g. {@code p3}
 * @param accelerator        the accelerator, e.g. {@code NVIDIA V100} or {@code AWS Trainium}; null for CPU types
 */
public record InstanceType(String name, int vcpus, double memoryGiB, int gpus, String gpuModel,
        double gpuMemoryGiBPerGpu, String family, String accelerator) {

    private static final long GIB = 1L << 30;

    /** Instance memory in bytes. */
    public long memoryBytes() {
        return Math.round(memoryGiB * GIB);
    }

    /** Memory of each GPU in bytes (0 without GPUs). */
    public long gpuMemoryBytesPerGpu() {
        return Math.round(gpuMemoryGiBPerGpu * GIB);
    }

    /** Whether the type carries an accelerator that is not an NVIDIA GPU (AWS Trainium). */
    public boolean hasNonGpuAccelerator() {
        return accelerator != null && gpus == 0;
    }
}
