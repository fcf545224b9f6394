package dev.kiln.runtime.sched;

import java.util.List;

/** Capacity given to a job: its demand and the specific GPUs it may use. */
public record Grant(Demand demand, List<Integer> gpuIds) {
    public Grant {
        gpuIds = List.copyOf(gpuIds);
    }
}
