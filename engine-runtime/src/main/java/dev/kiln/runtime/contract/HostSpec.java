package dev.kiln.runtime.contract;

import java.util.List;
import java.util.Map;

/**
 * The resources one host of a job gets, from its instance type's device profile, and its place in
 * the job's cluster.
 *
 * @param instanceType     the requested ml.* type of this host
 * @param currentHost      this host's name ({@code algo-1} ...)
 * @param hosts            all host names of the job
 * @param groupName        instance group ({@code homogeneousCluster} when none is given, as the service names it)
 * @param numCpus          CPU threads granted
 * @param gpuIds           GPU indices granted (empty: CPU only)
 * @param memoryLimitBytes memory granted
 * @param threadEnv        thread-limit variables (OMP_NUM_THREADS and kin, CUDA_VISIBLE_DEVICES)
 * @param instanceGroups   every instance group of the job with its type and hosts (resourceconfig.json)
 * @param hostAddresses    the loopback address of each host, through which hosts reach each other
 */
public record HostSpec(
        String instanceType,
        String currentHost,
        List<String> hosts,
        String groupName,
        int numCpus,
        List<Integer> gpuIds,
        long memoryLimitBytes,
        Map<String, String> threadEnv,
        List<InstanceGroupSpec> instanceGroups,
        Map<String, String> hostAddresses) {

    /** One instance group: its name, instance type and hosts. */
    public record InstanceGroupSpec(String name, String instanceType, List<String> hosts) {
        public InstanceGroupSpec {
            hosts = List.copyOf(hosts);
        }
    }

    public HostSpec {
        hosts = List.copyOf(hosts);
        gpuIds = List.copyOf(gpuIds);
        threadEnv = Map.copyOf(threadEnv);
        instanceGroups = instanceGroups == null || instanceGroups.isEmpty()
                ? List.of(new InstanceGroupSpec(groupName, instanceType, hosts)) : List.copyOf(instanceGroups);
        hostAddresses = hostAddresses == null ? Map.of() : Map.copyOf(hostAddresses);
    }

    /** A host of a homogeneous cluster. */
    public HostSpec(String instanceType, String currentHost, List<String> hosts, String groupName, int numCpus,
            List<Integer> gpuIds, long memoryLimitBytes, Map<String, String> threadEnv) {
        this(instanceType, currentHost, hosts, groupName, numCpus, gpuIds, memoryLimitBytes, threadEnv, null, null);
    }
}
