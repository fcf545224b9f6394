package dev.kiln.server.neptune;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kiln.api.neptune.NeptuneJson;
import dev.kiln.api.neptune.NeptuneMlException;
import dev.kiln.runtime.store.JobStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Neptune ML jobs (data processing, model training) in one table of the job store's database, each
 * row the JSON of its record, so they share the store's file, locking and durability.
 */
final class NeptuneJobStore {
    static final String DATA_PROCESSING = "dataprocessing";
    static final String MODEL_TRAINING = "modeltraining";

    private final JobStore store;

    NeptuneJobStore(JobStore store) {
        this.store = store;
        store.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE IF NOT EXISTS neptune_ml_jobs (
                          kind TEXT NOT NULL,
                          id TEXT NOT NULL,
                          creation_time INTEGER NOT NULL,
                          state TEXT NOT NULL,
                          PRIMARY KEY (kind, id))""");
            }
            return null;
        });
    }

    /** Inserts a new job; an id already used for this kind of job is a BadRequestException. */
    <T> void insert(String kind, String id, long creationMillis, T job) {
        store.transaction(c -> {
            if (read(c, kind, id).isPresent()) {
                throw NeptuneMlException.badRequest("A " + kind + " job with id " + id + " already exists");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO neptune_ml_jobs(kind, id, creation_time, state) VALUES (?,?,?,?)")) {
                ps.setString(1, kind);
                ps.setString(2, id);
                ps.setLong(3, creationMillis);
                ps.setString(4, write(job));
                ps.executeUpdate();
            }
            return null;
        });
    }

    <T> Optional<T> find(String kind, String id, Class<T> type) {
        return store.transaction(c -> read(c, kind, id)).map(s -> parse(s, type));
    }

    /** Atomically applies {@code change} to the stored job. */
    <T> T update(String kind, String id, Class<T> type, UnaryOperator<T> change) {
        return store.transaction(c -> {
            String state = read(c, kind, id).orElseThrow(() -> NeptuneMlException.notFound("No " + kind + " job " + id));
            T next = change.apply(parse(state, type));
            try (PreparedStatement ps = c.prepareStatement("UPDATE neptune_ml_jobs SET state = ? WHERE kind = ? AND id = ?")) {
                ps.setString(1, write(next));
                ps.setString(2, kind);
                ps.setString(3, id);
                ps.executeUpdate();
            }
            return next;
        });
    }

    /** Ids of this kind of job, newest first. */
    List<String> ids(String kind, int max) {
        return store.transaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM neptune_ml_jobs WHERE kind = ? ORDER BY creation_time DESC, id DESC LIMIT ?")) {
                ps.setString(1, kind);
                ps.setInt(2, max);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    /** Every job of this kind, oldest first. */
    <T> List<T> all(String kind, Class<T> type) {
        List<String> states = store.transaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state FROM neptune_ml_jobs WHERE kind = ? ORDER BY creation_time, id")) {
                ps.setString(1, kind);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        return states.stream().map(s -> parse(s, type)).toList();
    }

    private static Optional<String> read(java.sql.Connection c, String kind, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM neptune_ml_jobs WHERE kind = ? AND id = ?")) {
            ps.setString(1, kind);
            ps.setString(2, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static String write(Object job) {
        try {
            return NeptuneJson.mapper().writeValueAsString(job);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T parse(String state, Class<T> type) {
        try {
            ObjectReader reader = NeptuneJson.mapper().readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            return reader.readValue(state);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
