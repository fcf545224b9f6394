package dev.kiln.runtime.channel;

import static dev.kiln.runtime.channel.ChannelFixture.channel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.api.training.Channel;
import dev.kiln.api.training.S3DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ShardingTest {
    private static final int OBJECTS = 10;

    @TempDir
    Path home;

    private ChannelFixture f;
    private List<String> all;

    @BeforeEach
    void setUp() throws Exception {
        f = new ChannelFixture(home);
        all = IntStream.range(0, OBJECTS).mapToObj(i -> "part-" + i).toList();
        for (String name : all) {
            f.put("s3://bucket/data/" + name, name);
        }
    }

    private static Channel sharded(String name, String distribution, Long seed, List<String> groups) {
        return channel(name, new S3DataSource("S3Prefix", "s3://bucket/data/", distribution, null, groups, null, null),
                null, null, "File", seed);
    }

    private List<String> filesOf(String channel) throws Exception {
        Path dir = f.dataDir.resolve(channel);
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void shardsAreDisjointAndTogetherCoverEveryObject(int hosts) throws Exception {
        Set<String> union = new HashSet<>();
        int total = 0;
        for (int i = 0; i < hosts; i++) {
            String name = "h" + hosts + "-" + i;
            MaterializedChannel ch = f.materialize(sharded(name, "ShardedByS3Key", null, null), null,
                    new HostSlot(i, hosts, "algo-" + (i + 1), null));
            List<String> mine = filesOf(name);
            assertEquals(mine.size(), ch.objectCount());
            total += mine.size();
            union.addAll(mine);
            // host i of n gets objects i, i+n, ... of the listing order
            List<String> expected = new ArrayList<>();
            for (int k = i; k < OBJECTS; k += hosts) {
                expected.add(all.get(k));
            }
            assertEquals(expected.stream().sorted().toList(), mine);
        }
        assertEquals(OBJECTS, total);
        assertEquals(Set.copyOf(all), union);
    }

    @Test
    void fullyReplicatedGivesEveryHostEverything() throws Exception {
        for (int i = 0; i < 3; i++) {
            f.materialize(sharded("r" + i, "FullyReplicated", 5L, null), null, new HostSlot(i, 3, "algo-" + i, null));
            assertEquals(all.stream().sorted().toList(), filesOf("r" + i));
        }
    }

    @Test
    void shuffleIsDeterministicBySeedAndChangesWithTheSeed() {
        ShardSlot whole = new ShardSlot(true, false, 0, 1);
        List<Integer> items = IntStream.range(0, 50).boxed().toList();
        assertEquals(whole.select(items, 42L, 0), whole.select(items, 42L, 0));
        assertNotEquals(items, whole.select(items, 42L, 0));
        assertNotEquals(whole.select(items, 42L, 0), whole.select(items, 43L, 0));
        assertNotEquals(whole.select(items, 42L, 0), whole.select(items, 42L, 1));
        assertEquals(Set.copyOf(items), Set.copyOf(whole.select(items, 42L, 3)));
        assertEquals(items, whole.select(items, null, 7));
    }

    @Test
    void shuffledShardsAreStillAPartitionAndRepeatForTheSameSeed() throws Exception {
        Set<String> union = new HashSet<>();
        List<List<String>> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            f.materialize(sharded("s" + i, "ShardedByS3Key", 99L, null), null, new HostSlot(i, 3, "algo-" + i, null));
            first.add(filesOf("s" + i));
            union.addAll(filesOf("s" + i));
        }
        assertEquals(Set.copyOf(all), union);
        assertEquals(OBJECTS, first.stream().mapToInt(List::size).sum());
        for (int i = 0; i < 3; i++) {
            f.materialize(sharded("again" + i, "ShardedByS3Key", 99L, null), null,
                    new HostSlot(i, 3, "algo-" + i, null));
            assertEquals(first.get(i), filesOf("again" + i));
        }
        List<String> unshuffledHost0 = List.of("part-0", "part-3", "part-6", "part-9");
        assertTrue(!first.get(0).equals(unshuffledHost0) || !first.get(1).equals(List.of("part-1", "part-4",
                "part-7")), "seed 99 should move some object to another host");
    }

    @Test
    void instanceGroupNamesLimitDataToThoseGroupsAndShardOverThem() throws Exception {
        List<HostSlot> cluster = List.of(
                new HostSlot(0, 4, "algo-1", "cpu"),
                new HostSlot(1, 4, "algo-2", "gpu"),
                new HostSlot(2, 4, "algo-3", "cpu"),
                new HostSlot(3, 4, "algo-4", "gpu"));
        Set<String> union = new HashSet<>();
        int total = 0;
        ChannelMaterializer materializer = new ChannelMaterializer(f.store, home.resolve("fs"));
        for (HostSlot host : cluster) {
            String name = "g" + host.index();
            MaterializedChannel ch = materializer.materialize(sharded(name, "ShardedByS3Key", null, List.of("gpu")),
                    "File", f.dataDir, host, cluster, f.log::add);
            List<String> mine = filesOf(name);
            if (host.instanceGroupName().equals("cpu")) {
                assertEquals(List.of(), mine);
                assertEquals(0, ch.objectCount());
            } else {
                assertEquals(OBJECTS / 2, mine.size());
            }
            total += mine.size();
            union.addAll(mine);
        }
        assertEquals(OBJECTS, total);
        assertEquals(Set.copyOf(all), union);
    }

    @Test
    void moreHostsThanObjectsLeavesSomeHostsEmpty() throws Exception {
        MaterializedChannel ch = f.materialize(sharded("many", "ShardedByS3Key", null, null), null,
                new HostSlot(11, 12, "algo-12", null));
        assertEquals(0, ch.objectCount());
        assertEquals(List.of(), filesOf("many"));
    }
}
