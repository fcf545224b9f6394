package dev.kiln.runtime.channel;

/**
 * One host of a training cluster as the channels see it: its 0-based position among all hosts, the host count,
 * its host name ({@code algo-1}) and, for heterogeneous clusters, its instance group (null otherwise).
 */
public record HostSlot(int index, int count, String name, String instanceGroupName) {
    public HostSlot {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("host index " + index + " is not in [0, " + count + ")");
        }
    }

    /** The only host of a single-instance job. */
    public static HostSlot single() {
        return new HostSlot(0, 1, "algo-1", null);
    }
}
