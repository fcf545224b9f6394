package dev.kiln.runtime.sched;

import dev.kiln.runtime.store.JobStore;
import dev.kiln.runtime.store.ProcessRef;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Shares this machine's capacity between training jobs: each job reserves its demand (device
 * profile times InstanceCount) before it starts and frees it when it ends. Reservations live in the
 * job store, so jobs started by different Kiln processes on one home (CLI, server, tuning jobs)
 * share one queue.
 *
 * <p>The queue is strictly first come, first served: only the oldest waiting job may start, when its
 * demand fits next to the running ones. A large job therefore holds back smaller ones behind it,
 * which is the price of never starving it. Capacity is never over-committed, and each GPU is given
 * to one job at a time. Reservations of supervisors that died are dropped.
 */
public final class ResourceScheduler {
    private final JobStore store;
    private final Demand capacity;
    private final List<Integer> gpuIndices;

    public ResourceScheduler(JobStore store, Demand capacity, List<Integer> gpuIndices) {
        this.store = store;
        this.capacity = capacity;
        this.gpuIndices = List.copyOf(gpuIndices);
        store.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS reservations (
                          job TEXT PRIMARY KEY,
                          seq INTEGER NOT NULL,
                          state TEXT NOT NULL,
                          cpus INTEGER NOT NULL,
                          memory INTEGER NOT NULL,
                          gpus INTEGER NOT NULL,
                          gpu_ids TEXT NOT NULL DEFAULT '',
                          owner_pid INTEGER NOT NULL,
                          owner_start INTEGER NOT NULL)""");
            }
            return null;
        });
    }

    public Demand capacity() {
        return capacity;
    }

    /**
     * Joins the queue at the place {@code order} gives (the job's creation time, so the queue is first
     * come, first served by CreateTrainingJob, whichever supervisor asks first). Asking again keeps the
     * place and makes {@code owner} the process answerable for the reservation.
     */
    public void enqueue(String job, Demand demand, ProcessRef owner, long order) {
        if (!demand.fitsWithin(capacity)) {
            throw new IllegalArgumentException("job " + job + " needs " + demand + " but the machine has " + capacity);
        }
        store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO reservations(job, seq, state, cpus, memory, gpus, owner_pid, owner_start)
                    VALUES (?, ?, 'WAITING', ?, ?, ?, ?, ?)
                    ON CONFLICT(job) DO UPDATE SET owner_pid = excluded.owner_pid, owner_start = excluded.owner_start""")) {
                ps.setString(1, job);
                ps.setLong(2, order);
                ps.setInt(3, demand.cpus());
                ps.setLong(4, demand.memoryBytes());
                ps.setInt(5, demand.gpus());
                ps.setLong(6, owner.pid());
                ps.setLong(7, owner.startMillis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The grant if the job may run now (it is first in line and fits), else empty. Idempotent. */
    public Optional<Grant> tryAcquire(String job) {
        return store.transaction(c -> {
            List<Row> rows = prune(c, load(c));
            Row mine = rows.stream().filter(r -> r.job.equals(job)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("job " + job + " is not queued"));
            if (mine.running) {
                return Optional.of(new Grant(mine.demand, mine.gpuIds));
            }
            Row head = rows.stream().filter(r -> !r.running)
                    .min(java.util.Comparator.comparingLong(Row::seq).thenComparing(Row::job)).orElseThrow();
            if (!head.job.equals(job)) {
                return Optional.<Grant>empty();
            }
            Demand used = new Demand(0, 0, 0);
            TreeSet<Integer> freeGpus = new TreeSet<>(gpuIndices);
            for (Row r : rows) {
                if (r.running) {
                    used = used.plus(r.demand);
                    freeGpus.removeAll(r.gpuIds);
                }
            }
            if (!used.plus(mine.demand).fitsWithin(capacity) || freeGpus.size() < mine.demand.gpus()) {
                return Optional.<Grant>empty();
            }
            List<Integer> gpus = new ArrayList<>(freeGpus).subList(0, mine.demand.gpus());
            try (PreparedStatement ps = c.prepareStatement("UPDATE reservations SET state = 'RUNNING', gpu_ids = ? WHERE job = ?")) {
                ps.setString(1, join(gpus));
                ps.setString(2, job);
                ps.executeUpdate();
            }
            return Optional.of(new Grant(mine.demand, gpus));
        });
    }

    /** Frees the job's reservation (or leaves the queue). */
    public void release(String job) {
        store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM reservations WHERE job = ?")) {
                ps.setString(1, job);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** A line for the job's status message: its place in the queue and what is free. */
    public String describeWait(String job) {
        return store.transaction(c -> {
            List<Row> rows = load(c);
            long ahead = 0;
            Row mine = null;
            Demand used = new Demand(0, 0, 0);
            for (Row r : rows) {
                if (r.job.equals(job)) {
                    mine = r;
                }
                if (r.running) {
                    used = used.plus(r.demand);
                }
            }
            if (mine == null) {
                return "not queued";
            }
            for (Row r : rows) {
                if (!r.running && (r.seq < mine.seq || (r.seq == mine.seq && r.job.compareTo(mine.job) < 0))) {
                    ahead++;
                }
            }
            Demand free = new Demand(Math.max(0, capacity.cpus() - used.cpus()),
                    Math.max(0, capacity.memoryBytes() - used.memoryBytes()), Math.max(0, capacity.gpus() - used.gpus()));
            return "Waiting for capacity: needs " + mine.demand + "; free " + free + "; " + ahead + " job(s) ahead";
        });
    }

    /** Reservations as they stand (for tests and diagnostics). */
    public List<String> runningJobs() {
        return store.transaction(c -> load(c).stream().filter(r -> r.running).map(r -> r.job).toList());
    }

    private record Row(String job, long seq, boolean running, Demand demand, List<Integer> gpuIds, ProcessRef owner) {}

    private static List<Row> load(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT job, seq, state, cpus, memory, gpus, gpu_ids, owner_pid, owner_start "
                     + "FROM reservations ORDER BY seq, job")) {
            while (rs.next()) {
                rows.add(new Row(rs.getString(1), rs.getLong(2), "RUNNING".equals(rs.getString(3)),
                        new Demand(rs.getInt(4), rs.getLong(5), rs.getInt(6)), split(rs.getString(7)),
                        new ProcessRef(rs.getLong(8), rs.getLong(9))));
            }
        }
        return rows;
    }

    /** Drops reservations whose supervising process is gone (an engine crashed or was killed). */
    private static List<Row> prune(Connection c, List<Row> rows) throws SQLException {
        List<Row> alive = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM reservations WHERE job = ?")) {
            for (Row r : rows) {
                if (r.owner.isAlive()) {
                    alive.add(r);
                } else {
                    ps.setString(1, r.job);
                    ps.executeUpdate();
                }
            }
        }
        return alive;
    }

    private static String join(List<Integer> ids) {
        return String.join(",", ids.stream().map(String::valueOf).toList());
    }

    private static List<Integer> split(String s) {
        if (s == null || s.isBlank()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String p : s.split(",")) {
            out.add(Integer.parseInt(p.trim()));
        }
        return out;
    }
}
