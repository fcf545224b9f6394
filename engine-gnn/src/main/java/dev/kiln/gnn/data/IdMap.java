package dev.kiln.gnn.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Dense ids for names, in order of first appearance, so the same files always give the same ids. */
public final class IdMap {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The id of {@code name}, assigning the next one if it is new. */
    public int intern(String name) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        int next = names.size();
        ids.put(name, next);
        names.add(name);
        return next;
    }

    /** The id of a known name, or -1. */
    public int idOf(String name) {
        Integer id = ids.get(name);
        return id == null ? -1 : id;
    }

    public String name(int id) {
        return names.get(id);
    }

    public int size() {
        return names.size();
    }

    public List<String> names() {
        return List.copyOf(names);
    }

    /** Rebuilds a map from names listed in id order. */
    public static IdMap of(List<String> names) {
        IdMap m = new IdMap();
        names.forEach(m::intern);
        if (m.size() != names.size()) {
            throw new IllegalArgumentException("duplicate names in id list");
        }
        return m;
    }
}
