package dev.kiln.runtime.sched;

/**
 * What one job reserves on this machine: its device profile times InstanceCount.
 *
 * @param cpus        CPU threads
 * @param memoryBytes memory
 * @param gpus        number of GPUs (each given to one job at a time)
 */
public record Demand(int cpus, long memoryBytes, int gpus) {
    public Demand {
        if (cpus < 0 || memoryBytes < 0 || gpus < 0) {
            throw new IllegalArgumentException("negative demand");
        }
    }

    public Demand plus(Demand o) {
        return new Demand(cpus + o.cpus, memoryBytes + o.memoryBytes, gpus + o.gpus);
    }

    public boolean fitsWithin(Demand capacity) {
        return cpus <= capacity.cpus && memoryBytes <= capacity.memoryBytes && gpus <= capacity.gpus;
    }

    @Override
    public String toString() {
        return cpus + " CPU, " + (memoryBytes / (1024 * 1024)) + " MiB" + (gpus > 0 ? ", " + gpus + " GPU" : "");
    }
}
