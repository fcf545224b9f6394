package dev.kiln.server.neptune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Neptune's Gremlin CSV load format: one record a line, fields separated by a comma (or the
 * configured separator), double quotes around fields that contain it, {@code ""} for a quote.
 * Header columns are system columns ({@code ~id}, {@code ~label}, {@code ~from}, {@code ~to}) or
 * properties {@code name:Type}, with {@code []} for arrays.
 */
final class GremlinCsv {
    private static final Set<String> TYPES = Set.of("bool", "boolean", "byte", "short", "int", "long", "float", "double",
            "string", "date", "datetime");

    private GremlinCsv() {}

    static List<String> split(String line, char separator) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    /** The property type of a header column ({@code age:Int} gives {@code int}), null for system or untyped columns. */
    static String type(String column) {
        if (column.startsWith("~")) {
            return null;
        }
        int colon = column.lastIndexOf(':');
        if (colon < 0) {
            return "string"; // Neptune's loader treats an untyped property as a string
        }
        String type = column.substring(colon + 1).toLowerCase(Locale.ROOT);
        return type.endsWith("[]") ? type.substring(0, type.length() - 2) : type;
    }

    /** The property name of a header column without its type. */
    static String name(String column) {
        int colon = column.lastIndexOf(':');
        return column.startsWith("~") || colon < 0 ? column : column.substring(0, colon);
    }

    static boolean knownType(String type) {
        return TYPES.contains(type);
    }

    /** Checks every property column's type; an unknown one fails with the file and header line. */
    static void checkHeader(String file, List<String> header) {
        for (String column : header) {
            String type = type(column);
            if (type != null && !knownType(type)) {
                throw new BadGraphInputException(file, 1, "unknown property type '" + column.substring(column.lastIndexOf(':') + 1)
                        + "' in column '" + column + "'");
            }
        }
    }
}
