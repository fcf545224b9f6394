package dev.kiln.runtime.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.api.error.ResourceInUseException;
import dev.kiln.api.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Job records in an embedded SQLite database ({@code $KILN_HOME/kiln.db}). Several processes share it
 * (the CLI, detached job supervisors, the server): WAL journaling lets readers proceed while one
 * writer commits, and every read-modify-write runs in a {@code BEGIN IMMEDIATE} transaction so two
 * supervisors never lose each other's updates.
 */
public final class JobStore implements AutoCloseable {
    private static final int SCHEMA_VERSION = 1;
    private static final com.fasterxml.jackson.databind.ObjectReader READER = Json.mapper().readerFor(TrainingJobRecord.class)
            .without(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Connection connection;

    private JobStore(Connection connection) {
        this.connection = connection;
    }

    public static JobStore open(Path database) {
        try {
            Files.createDirectories(database.toAbsolutePath().getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 30000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("PRAGMA foreign_keys = ON");
            }
            JobStore store = new JobStore(c);
            store.migrate();
            return store;
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open job store " + database, e);
        }
    }

    private void migrate() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS training_jobs (
                      name TEXT PRIMARY KEY,
                      name_key TEXT NOT NULL UNIQUE,
                      status TEXT NOT NULL,
                      creation_time INTEGER NOT NULL,
                      last_modified INTEGER NOT NULL,
                      tuning_job_arn TEXT,
                      state TEXT NOT NULL)""");
            s.execute("CREATE INDEX IF NOT EXISTS training_jobs_status ON training_jobs(status)");
            s.execute("CREATE INDEX IF NOT EXISTS training_jobs_creation ON training_jobs(creation_time)");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS metric_points (
                      job TEXT NOT NULL,
                      name TEXT NOT NULL,
                      ts INTEGER NOT NULL,
                      value REAL NOT NULL)""");
            s.execute("CREATE INDEX IF NOT EXISTS metric_points_job ON metric_points(job, name, ts)");
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM schema_version")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    s.execute("INSERT INTO schema_version VALUES (" + SCHEMA_VERSION + ")");
                }
            }
        }
    }

    /** Inserts a new job; a name taken by another job (case-insensitively, as ARNs are) is ResourceInUse. */
    public synchronized void insert(TrainingJobRecord job) {
        inTransaction(() -> {
            Optional<TrainingJobRecord> existing = findByKey(job.name().toLowerCase(java.util.Locale.ROOT));
            if (existing.isPresent()) {
                throw new ResourceInUseException("Training job names must be unique within an AWS account and region, "
                        + "and a training job with this name already exists (" + existing.get().arn() + ")");
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO training_jobs(name, name_key, status, creation_time, last_modified, tuning_job_arn, state) "
                            + "VALUES (?,?,?,?,?,?,?)")) {
                ps.setString(1, job.name());
                ps.setString(2, job.name().toLowerCase(java.util.Locale.ROOT));
                ps.setString(3, job.status().name());
                ps.setLong(4, job.creationTime().toEpochMilli());
                ps.setLong(5, job.lastModifiedTime().toEpochMilli());
                ps.setString(6, job.tuningJobArn());
                ps.setString(7, serialize(job));
                ps.executeUpdate();
            }
            return null;
        });
    }

    public synchronized Optional<TrainingJobRecord> find(String name) {
        try {
            return findByKey(name.toLowerCase(java.util.Locale.ROOT))
                    .filter(r -> r.name().equals(name) || r.name().equalsIgnoreCase(name));
        } catch (SQLException e) {
            throw new StoreException("cannot read job " + name, e);
        }
    }

    private Optional<TrainingJobRecord> findByKey(String key) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT state FROM training_jobs WHERE name_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(deserialize(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /**
     * Atomically applies {@code change} to the stored job and returns the new record. The function may
     * return its argument unchanged to make no update.
     */
    public synchronized TrainingJobRecord update(String name, UnaryOperator<TrainingJobRecord> change) {
        return inTransaction(() -> {
            TrainingJobRecord current = findByKey(name.toLowerCase(java.util.Locale.ROOT))
                    .orElseThrow(() -> new StoreException("no job " + name, null));
            TrainingJobRecord next = change.apply(current);
            if (next == current) {
                return current;
            }
            try (PreparedStatement ps = connection.prepareStatement(
                    "UPDATE training_jobs SET status = ?, last_modified = ?, tuning_job_arn = ?, state = ? WHERE name_key = ?")) {
                ps.setString(1, next.status().name());
                ps.setLong(2, next.lastModifiedTime().toEpochMilli());
                ps.setString(3, next.tuningJobArn());
                ps.setString(4, serialize(next));
                ps.setString(5, name.toLowerCase(java.util.Locale.ROOT));
                ps.executeUpdate();
            }
            return next;
        });
    }

    /** Jobs matching the query, sorted and paged in SQL. */
    public synchronized List<TrainingJobRecord> query(JobQuery q) {
        StringBuilder sql = new StringBuilder("SELECT state FROM training_jobs WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (q.statusEquals() != null) {
            sql.append(" AND status = ?");
            args.add(q.statusEquals());
        }
        if (q.nameContains() != null) {
            sql.append(" AND instr(name_key, ?) > 0");
            args.add(q.nameContains().toLowerCase(java.util.Locale.ROOT));
        }
        if (q.creationTimeAfter() != null) {
            sql.append(" AND creation_time > ?");
            args.add(q.creationTimeAfter().toEpochMilli());
        }
        if (q.creationTimeBefore() != null) {
            sql.append(" AND creation_time < ?");
            args.add(q.creationTimeBefore().toEpochMilli());
        }
        if (q.lastModifiedTimeAfter() != null) {
            sql.append(" AND last_modified > ?");
            args.add(q.lastModifiedTimeAfter().toEpochMilli());
        }
        if (q.lastModifiedTimeBefore() != null) {
            sql.append(" AND last_modified < ?");
            args.add(q.lastModifiedTimeBefore().toEpochMilli());
        }
        if (q.tuningJobArn() != null) {
            sql.append(" AND tuning_job_arn = ?");
            args.add(q.tuningJobArn());
        }
        if (q.statuses() != null && !q.statuses().isEmpty()) {
            sql.append(" AND status IN (").append(String.join(",", q.statuses().stream().map(s -> "?").toList())).append(")");
            args.addAll(q.statuses());
        }
        String column = switch (q.sortBy()) {
            case NAME -> "name";
            case STATUS -> "status";
            case CREATION_TIME -> "creation_time";
        };
        String order = q.ascending() ? "ASC" : "DESC";
        // name as a tie-breaker keeps paging stable when many jobs share a second.
        sql.append(" ORDER BY ").append(column).append(' ').append(order).append(", name ").append(order);
        sql.append(" LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<TrainingJobRecord> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(deserialize(rs.getString(1)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot list jobs", e);
        }
    }

    /** Jobs not yet in a terminal state (for recovery at start-up). */
    public List<TrainingJobRecord> unfinished() {
        return query(JobQuery.all().withStatuses(List.of("InProgress", "Stopping")));
    }

    public synchronized void appendMetrics(String job, List<MetricRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        inTransaction(() -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO metric_points(job, name, ts, value) VALUES (?,?,?,?)")) {
                for (MetricRow r : rows) {
                    ps.setString(1, job);
                    ps.setString(2, r.name());
                    ps.setLong(3, r.timestampMillis());
                    ps.setDouble(4, r.value());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The metric time series of a job, in time order. */
    public synchronized List<MetricRow> metrics(String job) {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT name, ts, value FROM metric_points WHERE job = ? ORDER BY ts, rowid")) {
            ps.setString(1, job);
            List<MetricRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new MetricRow(rs.getString(1), rs.getLong(2), rs.getDouble(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read metrics of " + job, e);
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Work on the store's connection inside one transaction. */
    @FunctionalInterface
    public interface SqlFunction<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} in a {@code BEGIN IMMEDIATE} transaction on this store's database, for
     * components that keep their own tables next to the job records (the resource scheduler, tags,
     * tuning state). Their tables share the file, the locking and the durability of the job records.
     */
    public synchronized <T> T transaction(SqlFunction<T> work) {
        return inTransaction(() -> work.apply(connection));
    }

    private <T> T inTransaction(SqlWork<T> work) {
        try {
            try (Statement s = connection.createStatement()) {
                s.execute("BEGIN IMMEDIATE");
            }
            boolean ok = false;
            try {
                T result = work.run();
                try (Statement s = connection.createStatement()) {
                    s.execute("COMMIT");
                }
                ok = true;
                return result;
            } finally {
                if (!ok) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("ROLLBACK");
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("job store transaction failed", e);
        }
    }

    private static String serialize(TrainingJobRecord job) {
        return Json.write(job);
    }

    private static TrainingJobRecord deserialize(String json) {
        try {
            // Records written by a newer Kiln may carry fields this one does not know; keep reading them.
            return READER.readValue(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt job record: " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close job store", e);
        }
    }
}
