package dev.kiln.api.validation;

import dev.kiln.api.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Collects shape-constraint violations of one request, phrased as the AWS services phrase them, and
 * throws them together ({@code N validation errors detected: ...}). Paths are camelCase member paths;
 * list members are numbered from 1 as {@code list.N.member}.
 *
 * <p>Values are echoed as the service does ({@code Value 'x' at 'p'}, {@code Value null at 'p'}),
 * except for lists of structures and for maps, which are reported as {@code Value at 'p'} so that
 * hyperparameters and environment values never appear in an error message.
 *
 * <p>Each check ignores a null value; call {@link #required} first for required members.
 */
public final class Constraints {
    private final List<String> violations = new ArrayList<>();

    /** The path of member {@code child} of the structure at {@code parent} (empty for the top level). */
    public static String at(String parent, String child) {
        return parent == null || parent.isEmpty() ? child : parent + "." + child;
    }

    /** The path of the list member at zero-based {@code index}: {@code list.(index+1).member}. */
    public static String member(String listPath, int index) {
        return listPath + "." + (index + 1) + ".member";
    }

    /** Records "Member must not be null" when {@code value} is null; returns whether it is present. */
    public boolean required(String path, Object value) {
        if (value == null) {
            violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
            return false;
        }
        return true;
    }

    /** Checks a string against its shape, one violation per broken constraint. */
    public void string(String path, String value, StringShape shape) {
        if (value == null) {
            return;
        }
        for (String broken : shape.violations(value)) {
            fail(path, "'" + value + "'", broken);
        }
    }

    /** {@link #required} and then {@link #string}. */
    public void requiredString(String path, String value, StringShape shape) {
        if (required(path, value)) {
            string(path, value, shape);
        }
    }

    /** Checks a number against inclusive bounds; a null bound is absent. */
    public void number(String path, Number value, Long min, Long max) {
        if (value == null) {
            return;
        }
        long v = value.longValue();
        if (max != null && v > max) {
            fail(path, "'" + v + "'", "Member must have value less than or equal to " + max);
        }
        if (min != null && v < min) {
            fail(path, "'" + v + "'", "Member must have value greater than or equal to " + min);
        }
    }

    /** {@link #required} and then {@link #number}. */
    public void requiredNumber(String path, Number value, Long min, Long max) {
        if (required(path, value)) {
            number(path, value, min, max);
        }
    }

    /**
     * Checks a list's size. Returns whether the list is present, so callers can go on to its members.
     * Lists of strings are echoed ({@code '[a, b]'}); lists of structures are not.
     */
    public boolean list(String path, List<?> value, int min, int max) {
        if (value == null) {
            return false;
        }
        String shown = value.stream().allMatch(e -> e == null || e instanceof String) ? "'" + value + "'" : null;
        if (max != StringShape.UNBOUNDED && value.size() > max) {
            fail(path, shown, "Member must have length less than or equal to " + max);
        }
        if (min != StringShape.UNBOUNDED && value.size() < min) {
            fail(path, shown, "Member must have length greater than or equal to " + min);
        }
        return true;
    }

    /** Checks a list of strings: its size, then every member against {@code item}. */
    public void stringList(String path, List<String> value, int min, int max, StringShape item) {
        if (!list(path, value, min, max)) {
            return;
        }
        for (int i = 0; i < value.size(); i++) {
            requiredString(member(path, i), value.get(i), item);
        }
    }

    /**
     * Checks a string map: its size, then all keys against {@code key} and all values against
     * {@code value}. As the service does, one violation covers every bad key ("Map keys must satisfy
     * constraint: [...]") and one every bad value ("Map value must satisfy constraint: [...]"),
     * listing all of that shape's constraints.
     */
    public void map(String path, Map<String, String> map, int min, int max, StringShape key, StringShape value) {
        if (map == null) {
            return;
        }
        if (max != StringShape.UNBOUNDED && map.size() > max) {
            fail(path, null, "Member must have length less than or equal to " + max);
        }
        if (min != StringShape.UNBOUNDED && map.size() < min) {
            fail(path, null, "Member must have length greater than or equal to " + min);
        }
        boolean badKey = false;
        boolean badValue = false;
        for (Map.Entry<String, String> e : map.entrySet()) {
            badKey |= e.getKey() == null || !key.violations(e.getKey()).isEmpty();
            badValue |= e.getValue() == null || !value.violations(e.getValue()).isEmpty();
        }
        if (badKey) {
            fail(path, null, "Map keys must satisfy constraint: " + bracket(key, map.containsKey(null)));
        }
        if (badValue) {
            fail(path, null, "Map value must satisfy constraint: " + bracket(value, map.containsValue(null)));
        }
    }

    private static String bracket(StringShape shape, boolean nullSeen) {
        List<String> parts = new ArrayList<>(shape.describe());
        if (nullSeen) {
            parts.add("Member must not be null");
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /**
     * Records a violation in the service's form. {@code shownValue} is the already quoted value
     * ({@code 'x'}), {@code "null"}, or null to leave the value out.
     */
    public void fail(String path, String shownValue, String constraint) {
        String value = shownValue == null ? "Value" : "Value " + shownValue;
        violations.add(value + " at '" + path + "' failed to satisfy constraint: " + constraint);
    }

    /** The violations so far, in the order found. */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    public boolean isEmpty() {
        return violations.isEmpty();
    }

    /** Throws {@link ValidationException#ofConstraints} with everything collected, if anything was. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw ValidationException.ofConstraints(violations);
        }
    }
}
