package dev.kiln.runtime.tags;

import dev.kiln.api.common.Tag;
import dev.kiln.api.error.ResourceLimitExceededException;
import dev.kiln.runtime.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Resource tags keyed by ARN, in the home's SQLite database next to the job records (its own
 * tables and connection, so several processes may share it as they share the job store).
 *
 * <p>A resource's tags start as the ones given when it was created: the first operation that
 * touches an ARN copies them in from {@code creationTags}, inside the same transaction. Creating a
 * job therefore needs no call here, whichever front end (CLI or endpoint) created it, and later
 * AddTags/DeleteTags calls change that copy. Tags keep the order in which their keys were first added;
 * overwriting a value keeps the key's place. Keys are case-sensitive, as in SageMaker.
 */
public final class TagStore implements AutoCloseable {
    private final Connection connection;

    private TagStore(Connection connection) {
        this.connection = connection;
    }

    public static TagStore open(Path database) {
        try {
            Files.createDirectories(database.toAbsolutePath().getParent());
            Connection c = DriverManager.getConnection("jdbc:sqlite:" + database.toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout = 30000");
                s.execute("PRAGMA journal_mode = WAL");
                s.execute("PRAGMA synchronous = NORMAL");
                s.execute("CREATE TABLE IF NOT EXISTS tagged_resources (arn TEXT PRIMARY KEY)");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS resource_tags (
                          arn TEXT NOT NULL,
                          tag_key TEXT NOT NULL,
                          tag_value TEXT NOT NULL,
                          position INTEGER NOT NULL,
                          PRIMARY KEY (arn, tag_key))""");
            }
            return new TagStore(c);
        } catch (SQLException | java.io.IOException e) {
            throw new StoreException("cannot open tag store " + database, e);
        }
    }

    /** The resource's tags in order. */
    public synchronized List<Tag> list(String arn, Supplier<List<Tag>> creationTags) {
        return inTransaction(() -> {
            seed(arn, creationTags);
            return read(arn);
        });
    }

    /**
     * Adds or overwrites {@code tags}; returns the resource's tags afterwards. Refuses, changing
     * nothing, when the resource would end up with more than {@code limit} tags.
     */
    public synchronized List<Tag> put(String arn, List<Tag> tags, Supplier<List<Tag>> creationTags, int limit) {
        return inTransaction(() -> {
            seed(arn, creationTags);
            List<Tag> current = read(arn);
            long added = tags.stream().map(Tag::key).distinct()
                    .filter(k -> current.stream().noneMatch(t -> t.key().equals(k))).count();
            if (current.size() + added > limit) {
                throw new ResourceLimitExceededException("Adding " + added + " tags to " + arn + " would give it "
                        + (current.size() + added) + " tags; a resource may have at most " + limit + ".");
            }
            upsert(arn, tags);
            return read(arn);
        });
    }

    /** Removes the tags with these keys; keys the resource does not have are ignored. */
    public synchronized void remove(String arn, Collection<String> keys, Supplier<List<Tag>> creationTags) {
        inTransaction(() -> {
            seed(arn, creationTags);
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM resource_tags WHERE arn = ? AND tag_key = ?")) {
                for (String k : keys) {
                    ps.setString(1, arn);
                    ps.setString(2, k);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private void seed(String arn, Supplier<List<Tag>> creationTags) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT OR IGNORE INTO tagged_resources(arn) VALUES (?)")) {
            ps.setString(1, arn);
            if (ps.executeUpdate() == 0) {
                return; // seeded before
            }
        }
        List<Tag> initial = creationTags.get();
        if (initial != null && !initial.isEmpty()) {
            upsert(arn, initial);
        }
    }

    private void upsert(String arn, List<Tag> tags) throws SQLException {
        int next;
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM resource_tags WHERE arn = ?")) {
            ps.setString(1, arn);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                next = rs.getInt(1);
            }
        }
        String sql = "INSERT INTO resource_tags(arn, tag_key, tag_value, position) VALUES (?,?,?,?) "
                + "ON CONFLICT(arn, tag_key) DO UPDATE SET tag_value = excluded.tag_value";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Tag t : tags) {
                ps.setString(1, arn);
                ps.setString(2, t.key());
                ps.setString(3, t.value() == null ? "" : t.value());
                ps.setInt(4, next++);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private List<Tag> read(String arn) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT tag_key, tag_value FROM resource_tags WHERE arn = ? ORDER BY position, rowid")) {
            ps.setString(1, arn);
            List<Tag> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Tag(rs.getString(1), rs.getString(2)));
                }
            }
            return out;
        }
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
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
            throw new StoreException("tag store transaction failed", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close tag store", e);
        }
    }
}
