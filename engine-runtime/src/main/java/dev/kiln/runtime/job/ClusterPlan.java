package dev.kiln.runtime.job;

import dev.kiln.api.instance.InstanceCatalog;
import dev.kiln.api.training.CreateTrainingJobRequest;
import dev.kiln.api.training.InstanceGroup;
import dev.kiln.runtime.contract.HostSpec;
import dev.kiln.runtime.device.DeviceProfile;
import dev.kiln.runtime.device.DeviceProfiles;
import dev.kiln.runtime.device.HostResources;
import dev.kiln.runtime.sched.Demand;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The hosts of a job: {@code algo-1 ... algo-N} over its instance groups (one group named
 * {@code homogeneousCluster} for InstanceType/InstanceCount, as the service names it), each with the
 * device profile of its share of this machine and a loopback address {@code 127.0.10.N} through
 * which the hosts reach each other.
 */
record ClusterPlan(List<Host> hosts, List<HostSpec.InstanceGroupSpec> groups, Map<String, String> addresses) {

    record Host(int index, String name, String group, String instanceType, DeviceProfile profile) {}

    static final String HOMOGENEOUS = "homogeneousCluster";

    static ClusterPlan of(CreateTrainingJobRequest req, HostResources machine, boolean strict) {
        record Group(String name, String type, int count) {}
        List<Group> groups = new ArrayList<>();
        List<InstanceGroup> declared = req.resourceConfig().instanceGroups();
        if (declared != null && !declared.isEmpty()) {
            declared.forEach(g -> groups.add(new Group(g.instanceGroupName(), g.instanceType(), g.instanceCount())));
        } else {
            int count = req.resourceConfig().instanceCount() == null ? 1 : req.resourceConfig().instanceCount();
            groups.add(new Group(HOMOGENEOUS, req.resourceConfig().instanceType(), count));
        }
        int total = groups.stream().mapToInt(Group::count).sum();
        List<Host> hosts = new ArrayList<>();
        List<HostSpec.InstanceGroupSpec> specs = new ArrayList<>();
        Map<String, String> addresses = new LinkedHashMap<>();
        int index = 0;
        for (Group g : groups) {
            List<String> names = new ArrayList<>();
            for (int i = 0; i < g.count(); i++) {
                String name = "algo-" + (index + 1);
                DeviceProfile p = DeviceProfiles.forInstance(InstanceCatalog.require(g.type()), total, index, machine, strict);
                hosts.add(new Host(index, name, g.name(), g.type(), p));
                names.add(name);
                addresses.put(name, "127.0.10." + (index + 1));
                index++;
            }
            specs.add(new HostSpec.InstanceGroupSpec(g.name(), g.type(), names));
        }
        return new ClusterPlan(List.copyOf(hosts), List.copyOf(specs), Map.copyOf(addresses));
    }

    List<String> hostNames() {
        return hosts.stream().map(Host::name).toList();
    }

    /** What the job reserves: the sum of its hosts' profiles. */
    Demand demand() {
        Demand d = new Demand(0, 0, 0);
        for (Host h : hosts) {
            d = d.plus(new Demand(h.profile().cpuThreads(), h.profile().memoryLimitBytes(), h.profile().gpuIds().size()));
        }
        return d;
    }

    /** The distinct warnings of all hosts (a scaled-down type warns once). */
    List<String> warnings() {
        LinkedHashSet<String> w = new LinkedHashSet<>();
        hosts.forEach(h -> w.addAll(h.profile().warnings()));
        return List.copyOf(w);
    }

    /** Host {@code h}'s spec, with its share of the GPUs the scheduler granted. */
    HostSpec hostSpec(Host h, List<Integer> grantedGpus) {
        int before = 0;
        for (Host other : hosts) {
            if (other.index() < h.index()) {
                before += other.profile().gpuIds().size();
            }
        }
        int mine = h.profile().gpuIds().size();
        List<Integer> gpus = grantedGpus.size() >= before + mine ? grantedGpus.subList(before, before + mine) : List.of();
        DeviceProfile p = h.profile();
        DeviceProfile granted = new DeviceProfile(p.instanceType(), p.cpuThreads(), p.memoryLimitBytes(), gpus,
                p.scaledDown(), p.warnings());
        return new HostSpec(h.instanceType(), h.name(), hostNames(), h.group(), granted.cpuThreads(), granted.gpuIds(),
                granted.memoryLimitBytes(), granted.environment(), groups, hosts.size() > 1 ? addresses : Map.of());
    }
}
