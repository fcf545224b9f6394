package dev.kiln.runtime.device;

import dev.kiln.api.instance.InstanceType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one instance of a job gets on this machine: CPU threads, a memory limit and GPU indices,
 * derived from its instance type by {@link DeviceProfiles}.
 *
 * @param instanceType     the requested type
 * @param cpuThreads       threads the job's numeric libraries may use (at least 1)
 * @param memoryLimitBytes memory the job may use
 * @param gpuIds           nvidia-smi indices of the GPUs the job may see, in order
 * @param scaledDown       whether any of these is less than the type asks for
 * @param warnings         one sentence per reduced resource, for the job log
 */
public record DeviceProfile(InstanceType instanceType, int cpuThreads, long memoryLimitBytes, List<Integer> gpuIds,
        boolean scaledDown, List<String> warnings) {

    /**
     * The value of {@code CUDA_VISIBLE_DEVICES} that hides every GPU. An index that does not exist
     * makes CUDA stop enumerating, so PyTorch, TensorFlow and JAX all see zero devices; unlike an
     * empty value it cannot be mistaken for "unset" by launch scripts that test {@code -z}.
     */
    public static final String NO_GPUS = "-1";

    public DeviceProfile {
        if (cpuThreads < 1) {
            throw new IllegalArgumentException("cpuThreads must be at least 1: " + cpuThreads);
        }
        gpuIds = List.copyOf(gpuIds);
        warnings = List.copyOf(warnings);
    }

    /**
     * The job's thread and device limits as environment variables: the thread-pool sizes of OpenMP,
     * MKL, OpenBLAS, numexpr, Apple Accelerate and TensorFlow; {@code CUDA_VISIBLE_DEVICES} with the
     * GPU ids (or {@link #NO_GPUS}) and {@code CUDA_DEVICE_ORDER=PCI_BUS_ID}, without which CUDA
     * numbers devices fastest-first and the ids would not mean nvidia-smi's indices; and
     * SageMaker's {@code SM_NUM_CPUS} and {@code SM_NUM_GPUS} with the scaled figures.
     */
    public Map<String, String> environment() {
        String threads = Integer.toString(cpuThreads);
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : List.of("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                "NUMEXPR_NUM_THREADS", "NUMEXPR_MAX_THREADS", "VECLIB_MAXIMUM_THREADS",
                "TF_NUM_INTRAOP_THREADS", "TF_NUM_INTEROP_THREADS")) {
            env.put(name, threads);
        }
        env.put("CUDA_DEVICE_ORDER", "PCI_BUS_ID");
        env.put("CUDA_VISIBLE_DEVICES", gpuIds.isEmpty()
                ? NO_GPUS
                : gpuIds.stream().map(String::valueOf).collect(Collectors.joining(",")));
        env.put("SM_NUM_CPUS", threads);
        env.put("SM_NUM_GPUS", Integer.toString(gpuIds.size()));
        return env;
    }

    /**
     * Options for a child JVM running an in-process algorithm, so that its thread pools and heap
     * ergonomics size themselves to this profile rather than to the whole machine.
     */
    public List<String> jvmOptions() {
        return List.of("-XX:ActiveProcessorCount=" + cpuThreads, "-XX:MaxRAM=" + memoryLimitBytes);
    }
}
