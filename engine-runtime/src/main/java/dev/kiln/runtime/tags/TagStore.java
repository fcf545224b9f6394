package dev.kiln.runtime.tags;

import dev.kiln.api.common.Tag;
import dev.kiln.api.error.ResourceLimitExceededException;
import dev.kiln.runtime.store.JobStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * Resource tags keyed by ARN, in the home's SQLite database next to the job records (their own
 * tables, in the job store's transactions, so several processes may share them as they share the
 * job records).
 *
 * <p>A resource's tags start as the ones given when it was created: the first operation that
 * touches an ARN copies them in from {@code creationTags}, inside the same transaction. Creating a
 * job therefore needs no call here, whichever front end (CLI or endpoint) created it, and later
 * AddTags/DeleteTags calls change that copy. Tags keep the order in which their keys were first added;
 * overwriting a value keeps the key's place. Keys are case-sensitive, as in SageMaker.
 */
public final class TagStore implements AutoCloseable {
    private final JobStore store;

    private TagStore(JobStore store) {
        this.store = store;
        store.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS tagged_resources (arn TEXT PRIMARY KEY)");
                s.execute("""
                        CREATE TABLE IF NOT EXISTS resource_tags (
                          arn TEXT NOT NULL,
                          tag_key TEXT NOT NULL,
                          tag_value TEXT NOT NULL,
                          position INTEGER NOT NULL,
                          PRIMARY KEY (arn, tag_key))""");
            }
            return null;
        });
    }

    /** Tags in the home database {@code database}, on a connection of their own. */
    public static TagStore open(Path database) {
        return new TagStore(JobStore.open(database));
    }

    /** The resource's tags in order. */
    public List<Tag> list(String arn, Supplier<List<Tag>> creationTags) {
        return store.transaction(c -> {
            seed(c, arn, creationTags);
            return read(c, arn);
        });
    }

    /**
     * Adds or overwrites {@code tags}; returns the resource's tags afterwards. Refuses, changing
     * nothing, when the resource would end up with more than {@code limit} tags.
     */
    public List<Tag> put(String arn, List<Tag> tags, Supplier<List<Tag>> creationTags, int limit) {
        return store.transaction(c -> {
            seed(c, arn, creationTags);
            List<Tag> current = read(c, arn);
            long added = tags.stream().map(Tag::key).distinct()
                    .filter(k -> current.stream().noneMatch(t -> t.key().equals(k))).count();
            if (current.size() + added > limit) {
                throw new ResourceLimitExceededException("Adding " + added + " tags to " + arn + " would give it "
                        + (current.size() + added) + " tags; a resource may have at most " + limit + ".");
            }
            upsert(c, arn, tags);
            return read(c, arn);
        });
    }

    /** Removes the tags with these keys; keys the resource does not have are ignored. */
    public void remove(String arn, Collection<String> keys, Supplier<List<Tag>> creationTags) {
        store.transaction(c -> {
            seed(c, arn, creationTags);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM resource_tags WHERE arn = ? AND tag_key = ?")) {
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

    private static void seed(Connection c, String arn, Supplier<List<Tag>> creationTags) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO tagged_resources(arn) VALUES (?)")) {
            ps.setString(1, arn);
            if (ps.executeUpdate() == 0) {
                return; // seeded before
            }
        }
        List<Tag> initial = creationTags.get();
        if (initial != null && !initial.isEmpty()) {
            upsert(c, arn, initial);
        }
    }

    private static void upsert(Connection c, String arn, List<Tag> tags) throws SQLException {
        int next;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COALESCE(MAX(position) + 1, 0) FROM resource_tags WHERE arn = ?")) {
            ps.setString(1, arn);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                next = rs.getInt(1);
            }
        }
        String sql = "INSERT INTO resource_tags(arn, tag_key, tag_value, position) VALUES (?,?,?,?) "
                + "ON CONFLICT(arn, tag_key) DO UPDATE SET tag_value = excluded.tag_value";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
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

    private static List<Tag> read(Connection c, String arn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
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

    @Override
    public void close() {
        store.close();
    }
}
