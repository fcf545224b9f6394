package dev.kiln.runtime.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kiln.runtime.store.JobStore;
import dev.kiln.runtime.store.ProcessRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResourceSchedulerTest {
    @TempDir
    Path tmp;

    static final long GIB = 1024L * 1024 * 1024;

    /**
     * Random job mixes on a small machine: at every step the running set fits the capacity, no GPU is
     * shared, jobs start in arrival order, and every job eventually runs (no starvation).
     */
    @Test
    void neverOverCommitsAndNeverStarves() {
        for (int seed = 0; seed < 20; seed++) {
            Random rnd = new Random(seed);
            Demand capacity = new Demand(8, 32 * GIB, 2);
            try (JobStore store = JobStore.open(tmp.resolve("s" + seed + ".db"))) {
                ResourceScheduler s = new ResourceScheduler(store, capacity, List.of(0, 1));
                Map<String, Demand> waiting = new LinkedHashMap<>();
                Map<String, Integer> remainingSteps = new HashMap<>();
                List<String> startOrder = new ArrayList<>();
                List<String> arrival = new ArrayList<>();
                int next = 0;
                for (int step = 0; step < 400 && (next < 40 || !waiting.isEmpty() || !remainingSteps.isEmpty()); step++) {
                    if (next < 40 && rnd.nextInt(3) == 0) {
                        String job = "j" + next++;
                        Demand d = new Demand(1 + rnd.nextInt(8), (1 + rnd.nextInt(32)) * GIB / 2, rnd.nextInt(3));
                        s.enqueue(job, d, ProcessRef.current(), next);
                        waiting.put(job, d);
                        arrival.add(job);
                    }
                    for (String job : new ArrayList<>(waiting.keySet())) {
                        Optional<Grant> g = s.tryAcquire(job);
                        if (g.isPresent()) {
                            waiting.remove(job);
                            startOrder.add(job);
                            remainingSteps.put(job, 1 + rnd.nextInt(5));
                        }
                    }
                    assertFits(s, capacity);
                    for (String job : new ArrayList<>(remainingSteps.keySet())) {
                        if (remainingSteps.merge(job, -1, Integer::sum) <= 0) {
                            remainingSteps.remove(job);
                            s.release(job);
                        }
                    }
                }
                assertTrue(waiting.isEmpty(), "seed " + seed + ": jobs starved: " + waiting.keySet());
                assertEquals(arrival, startOrder, "first come, first served");
            }
        }
    }

    private static void assertFits(ResourceScheduler s, Demand capacity) {
        Demand used = new Demand(0, 0, 0);
        Set<Integer> gpus = new HashSet<>();
        for (String job : s.runningJobs()) {
            Grant g = s.tryAcquire(job).orElseThrow();
            used = used.plus(g.demand());
            for (int id : g.gpuIds()) {
                assertTrue(gpus.add(id), "GPU " + id + " given twice");
            }
            assertEquals(g.demand().gpus(), g.gpuIds().size());
        }
        assertTrue(used.fitsWithin(capacity), "over-committed: " + used + " > " + capacity);
    }

    @Test
    void reservationsOfDeadSupervisorsAreDropped() throws Exception {
        try (JobStore store = JobStore.open(tmp.resolve("d.db"))) {
            ResourceScheduler s = new ResourceScheduler(store, new Demand(2, 4 * GIB, 0), List.of());
            Process dead = new ProcessBuilder("true").start();
            ProcessRef deadRef = ProcessRef.of(dead.toHandle());
            dead.waitFor();
            s.enqueue("ghost", new Demand(2, GIB, 0), new ProcessRef(deadRef.pid(), deadRef.startMillis() + 1), 1);
            s.enqueue("real", new Demand(2, GIB, 0), ProcessRef.current(), 2);
            assertTrue(s.tryAcquire("real").isPresent(), "the dead supervisor's place is freed");
        }
    }
}
