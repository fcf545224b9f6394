package dev.kiln.runtime.contract;

import java.util.List;
import java.util.Map;

/**
 * The resources one host of a job gets, from its instance type's device profile.
 *
 * @param instanceType   the requested ml.* type
 * @param currentHost    this host's name ({@code algo-1} ...)
 * @param hosts          all host names of the job
 * @param groupName      instance group ({@code homogeneousCluster} when none is given, as the service names it)
 * @param numCpus        CPU threads granted
 * @param gpuIds         GPU indices granted (empty: CPU only)
 * @param memoryLimitBytes memory granted
 * @param threadEnv      thread-limit variables (OMP_NUM_THREADS and kin, CUDA_VISIBLE_DEVICES)
 */
public record HostSpec(
        String instanceType,
        String currentHost,
        List<String> hosts,
        String groupName,
        int numCpus,
        List<Integer> gpuIds,
        long memoryLimitBytes,
        Map<String, String> threadEnv) {

    public HostSpec {
        hosts = List.copyOf(hosts);
        gpuIds = List.copyOf(gpuIds);
        threadEnv = Map.copyOf(threadEnv);
    }
}
