package dev.kiln.api.instance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every SageMaker ML instance type Kiln knows, read once from {@code instance-types.csv} (which
 * cites its sources). Lookups are by exact name, e.g. {@code ml.g5.xlarge}.
 */
public final class InstanceCatalog {
    private static final String RESOURCE = "instance-types.csv";
    private static final Map<String, InstanceType> TYPES = load();

    private InstanceCatalog() {}

    public static Optional<InstanceType> find(String name) {
        return Optional.ofNullable(name == null ? null : TYPES.get(name));
    }

    /** The type called {@code name}; an unknown name is a programming error here (validation rejects it first). */
    public static InstanceType require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown instance type: " + name));
    }

    /** All types, in the file's order (by family, then size). */
    public static List<InstanceType> all() {
        return List.copyOf(TYPES.values());
    }

    private static Map<String, InstanceType> load() {
        Map<String, InstanceType> types = new LinkedHashMap<>();
        for (CsvResource.Line line : CsvResource.lines(InstanceCatalog.class, RESOURCE)) {
            InstanceType t = parse(line.text(), line.number());
            if (types.put(t.name(), t) != null) {
                throw new IllegalStateException(RESOURCE + ":" + line.number() + ": duplicate " + t.name());
            }
        }
        return Collections.unmodifiableMap(types);
    }

    private static InstanceType parse(String line, int number) {
        List<String> f = new ArrayList<>(List.of(line.split(",", -1)));
        if (f.size() != 8) {
            throw new IllegalStateException(RESOURCE + ":" + number + ": expected 8 fields, got " + f.size());
        }
        try {
            return new InstanceType(f.get(0), Integer.parseInt(f.get(1)), Double.parseDouble(f.get(2)),
                    Integer.parseInt(f.get(3)), emptyToNull(f.get(4)), Double.parseDouble(f.get(5)), f.get(6),
                    emptyToNull(f.get(7)));
        } catch (NumberFormatException e) {
            throw new IllegalStateException(RESOURCE + ":" + number + ": " + e.getMessage(), e);
        }
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
