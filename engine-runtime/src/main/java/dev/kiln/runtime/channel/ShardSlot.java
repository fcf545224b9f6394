package dev.kiln.runtime.channel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Which part of a channel's item list one host receives, and in which order, for a given epoch.
 * Items are shuffled first (when a seed is set), then host {@code rank} of {@code size} takes items
 * {@code rank, rank + size, ...}; so with a seed each epoch's shuffle also moves items between hosts, as the
 * service documents for ShuffleConfig with ShardedByS3Key.
 */
record ShardSlot(boolean receives, boolean sharded, int rank, int size) {

    /** The slot of {@code host}; {@code cluster} (may be null) is needed only to shard over instance groups. */
    static ShardSlot of(ChannelSpec spec, HostSlot host, List<HostSlot> cluster) {
        List<String> groups = spec.instanceGroupNames();
        if (groups.isEmpty()) {
            return new ShardSlot(true, spec.sharded(), host.index(), host.count());
        }
        if (!groups.contains(host.instanceGroupName())) {
            return new ShardSlot(false, spec.sharded(), 0, 1);
        }
        if (cluster == null) {
            // Without the cluster layout, the job is taken to be this host's group alone.
            return new ShardSlot(true, spec.sharded(), host.index(), host.count());
        }
        List<HostSlot> members = cluster.stream()
                .filter(h -> groups.contains(h.instanceGroupName()))
                .sorted(java.util.Comparator.comparingInt(HostSlot::index))
                .toList();
        int rank = 0;
        while (rank < members.size() && members.get(rank).index() != host.index()) {
            rank++;
        }
        if (rank == members.size()) {
            throw new IllegalArgumentException("host " + host.name() + " is not in the cluster list");
        }
        return new ShardSlot(true, spec.sharded(), rank, members.size());
    }

    /** This host's items for {@code epoch}, in delivery order. */
    <T> List<T> select(List<T> all, Long seed, long epoch) {
        if (!receives) {
            return List.of();
        }
        List<T> order = all;
        if (seed != null) {
            order = new ArrayList<>(all);
            // java.util.Random and Collections.shuffle are specified algorithms, so a seed gives the same order
            // on every JVM; the golden-ratio step spreads consecutive epochs over unrelated streams.
            Collections.shuffle(order, new Random(seed ^ (epoch * 0x9E3779B97F4A7C15L)));
        }
        if (!sharded || size == 1) {
            return order;
        }
        List<T> mine = new ArrayList<>(order.size() / size + 1);
        for (int i = rank; i < order.size(); i += size) {
            mine.add(order.get(i));
        }
        return mine;
    }
}
