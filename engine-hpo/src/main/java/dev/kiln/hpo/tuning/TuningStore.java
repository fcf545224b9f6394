package dev.kiln.hpo.tuning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kiln.api.error.ResourceInUseException;
import dev.kiln.api.json.Json;
import dev.kiln.runtime.store.JobStore;
import dev.kiln.runtime.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Tuning jobs and their trials in two tables of the job store's database, so they share its file,
 * locking and durability: every change is one {@code BEGIN IMMEDIATE} transaction, and a trial is
 * recorded before its training job is created, so a crash never loses a launched trial.
 */
final class TuningStore {
    private static final ObjectReader JOB = Json.mapper().readerFor(TuningJobRecord.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectReader TRIAL = Json.mapper().readerFor(TrialRecord.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final JobStore store;

    TuningStore(JobStore store) {
        this.store = store;
        store.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS tuning_jobs (
                          name TEXT PRIMARY KEY,
                          name_key TEXT NOT NULL UNIQUE,
                          status TEXT NOT NULL,
                          creation_time INTEGER NOT NULL,
                          last_modified INTEGER NOT NULL,
                          state TEXT NOT NULL)""");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS tuning_trials (
                          tuning_job_key TEXT NOT NULL,
                          trial_index INTEGER NOT NULL,
                          training_job TEXT NOT NULL,
                          state TEXT NOT NULL,
                          PRIMARY KEY (tuning_job_key, trial_index))""");
            }
            return null;
        });
    }

    /** A query over tuning jobs; null filters are absent. */
    record JobFilter(String statusEquals, String nameContains, Instant creationAfter, Instant creationBefore,
            Instant modifiedAfter, Instant modifiedBefore, String sortColumn, boolean ascending, int offset, int limit) {}

    /** Inserts a new tuning job; a name taken (case-insensitively) is ResourceInUse. {@code then} runs in the same transaction. */
    void insert(TuningJobRecord job, UnaryOperator<TuningJobRecord> then) {
        store.transaction(c -> {
            Optional<TuningJobRecord> existing = find(c, key(job.name()));
            if (existing.isPresent()) {
                throw new ResourceInUseException("Hyperparameter tuning job names must be unique within an AWS account and "
                        + "region, and a tuning job with this name already exists (" + existing.get().arn() + ")");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tuning_jobs(name, name_key, status, creation_time, "
                    + "last_modified, state) VALUES (?,?,?,?,?,?)")) {
                ps.setString(1, job.name());
                ps.setString(2, key(job.name()));
                ps.setString(3, job.status().name());
                ps.setLong(4, job.creationTime().toEpochMilli());
                ps.setLong(5, job.lastModifiedTime().toEpochMilli());
                ps.setString(6, Json.write(job));
                ps.executeUpdate();
            }
            TuningJobRecord after = then.apply(job);
            if (after != job) {
                write(c, after);
            }
            return null;
        });
    }

    Optional<TuningJobRecord> find(String name) {
        return store.transaction(c -> find(c, key(name)));
    }

    /** Atomically applies {@code change}; returning the argument unchanged makes no update. */
    TuningJobRecord update(String name, UnaryOperator<TuningJobRecord> change) {
        return store.transaction(c -> {
            TuningJobRecord current = find(c, key(name)).orElseThrow(() -> new StoreException("no tuning job " + name, null));
            TuningJobRecord next = change.apply(current);
            if (next != current) {
                write(c, next);
            }
            return next;
        });
    }

    List<TuningJobRecord> query(JobFilter f) {
        StringBuilder sql = new StringBuilder("SELECT state FROM tuning_jobs WHERE 1=1");
        List<Object> args = new ArrayList<>();
        where(sql, args, "status = ?", f.statusEquals());
        where(sql, args, "instr(name_key, ?) > 0", f.nameContains() == null ? null : key(f.nameContains()));
        where(sql, args, "creation_time > ?", f.creationAfter() == null ? null : f.creationAfter().toEpochMilli());
        where(sql, args, "creation_time < ?", f.creationBefore() == null ? null : f.creationBefore().toEpochMilli());
        where(sql, args, "last_modified > ?", f.modifiedAfter() == null ? null : f.modifiedAfter().toEpochMilli());
        where(sql, args, "last_modified < ?", f.modifiedBefore() == null ? null : f.modifiedBefore().toEpochMilli());
        String order = f.ascending() ? "ASC" : "DESC";
        // The name breaks ties so that paging is stable when jobs share a creation time.
        sql.append(" ORDER BY ").append(f.sortColumn()).append(' ').append(order).append(", name ").append(order)
                .append(" LIMIT ? OFFSET ?");
        args.add(f.limit());
        args.add(f.offset());
        return store.transaction(c -> {
            List<TuningJobRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(JOB, rs.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    /** Tuning jobs not in a terminal status, for resuming them. */
    List<TuningJobRecord> unfinished() {
        List<TuningJobRecord> out = new ArrayList<>(query(filter("InProgress")));
        out.addAll(query(filter("Stopping")));
        return out;
    }

    private static JobFilter filter(String status) {
        return new JobFilter(status, null, null, null, null, null, "creation_time", true, 0, Integer.MAX_VALUE);
    }

    void putTrial(TrialRecord t) {
        store.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO tuning_trials(tuning_job_key, "
                    + "trial_index, training_job, state) VALUES (?,?,?,?)")) {
                ps.setString(1, key(t.tuningJob()));
                ps.setInt(2, t.index());
                ps.setString(3, t.trainingJobName());
                ps.setString(4, Json.write(t));
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The tuning job's trials in launch order. */
    List<TrialRecord> trials(String tuningJob) {
        return store.transaction(c -> {
            List<TrialRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state FROM tuning_trials WHERE tuning_job_key = ? ORDER BY trial_index")) {
                ps.setString(1, key(tuningJob));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(TRIAL, rs.getString(1)));
                    }
                }
            }
            return out;
        });
    }

    private static Optional<TuningJobRecord> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM tuning_jobs WHERE name_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(JOB, rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static void write(Connection c, TuningJobRecord job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE tuning_jobs SET status = ?, last_modified = ?, state = ? WHERE name_key = ?")) {
            ps.setString(1, job.status().name());
            ps.setLong(2, job.lastModifiedTime().toEpochMilli());
            ps.setString(3, Json.write(job));
            ps.setString(4, key(job.name()));
            ps.executeUpdate();
        }
    }

    private static void where(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(" AND ").append(clause);
            args.add(value);
        }
    }

    private static <T> T read(ObjectReader reader, String json) {
        try {
            return reader.readValue(json);
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt tuning record: " + e.getOriginalMessage(), e);
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
