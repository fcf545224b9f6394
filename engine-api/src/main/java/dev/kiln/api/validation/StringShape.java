package dev.kiln.api.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The constraints of one string shape of the service model: length bounds, a regular expression and
 * an enum value set, each optional. {@link #patternText()} is the pattern as the service prints it
 * in messages; {@link #pattern()} is what Kiln matches (the whole value must match).
 */
public record StringShape(int minLength, int maxLength, Pattern pattern, String patternText, List<String> enumValues) {

    /** Marks an absent length bound. */
    public static final int UNBOUNDED = -1;

    public StringShape {
        enumValues = enumValues == null ? null : List.copyOf(enumValues);
        if (pattern != null) {
            Objects.requireNonNull(patternText, "patternText");
        }
    }

    /** A string with only length bounds ({@link #UNBOUNDED} for none). */
    public static StringShape length(int min, int max) {
        return new StringShape(min, max, null, null, null);
    }

    /**
     * A string with length bounds and a pattern. {@code displayed} is the pattern as messages show it
     * (AWS prints some patterns with anchors); the value must match {@code regex} as a whole.
     * {@code .*}-style patterns match across line breaks, as the service accepts multi-line values.
     */
    public static StringShape pattern(int min, int max, String regex, String displayed) {
        int flags = regex.equals(".*") || regex.equals(".+") ? Pattern.DOTALL : 0;
        return new StringShape(min, max, Pattern.compile(regex, flags), displayed, null);
    }

    /** A string with length bounds and a pattern shown exactly as matched. */
    public static StringShape pattern(int min, int max, String regex) {
        return pattern(min, max, regex, regex);
    }

    /** A string that must be one of {@code values}, listed in messages in the given order. */
    public static StringShape oneOf(String... values) {
        return new StringShape(UNBOUNDED, UNBOUNDED, null, null, List.of(values));
    }

    /** A string that must be one of {@code values}, listed in messages in the given order. */
    public static StringShape oneOf(List<String> values) {
        return new StringShape(UNBOUNDED, UNBOUNDED, null, null, values);
    }

    /**
     * Every constraint {@code value} breaks, phrased as the service does ("Member must ..."), in the
     * service's order: maximum length, minimum length, pattern, enum. Empty when the value conforms.
     */
    public List<String> violations(String value) {
        List<String> out = new ArrayList<>(1);
        int length = value.codePointCount(0, value.length());
        if (maxLength != UNBOUNDED && length > maxLength) {
            out.add(maxLengthText());
        }
        if (minLength != UNBOUNDED && length < minLength) {
            out.add(minLengthText());
        }
        if (pattern != null && !pattern.matcher(value).matches()) {
            out.add(patternMessage());
        }
        if (enumValues != null && !enumValues.contains(value)) {
            out.add(enumMessage());
        }
        return out;
    }

    /** All of this shape's constraints, as listed inside "Map keys must satisfy constraint: [...]". */
    public List<String> describe() {
        List<String> out = new ArrayList<>(3);
        if (maxLength != UNBOUNDED) {
            out.add(maxLengthText());
        }
        if (minLength != UNBOUNDED) {
            out.add(minLengthText());
        }
        if (pattern != null) {
            out.add(patternMessage());
        }
        if (enumValues != null) {
            out.add(enumMessage());
        }
        return out;
    }

    private String maxLengthText() {
        return "Member must have length less than or equal to " + maxLength;
    }

    private String minLengthText() {
        return "Member must have length greater than or equal to " + minLength;
    }

    private String patternMessage() {
        return "Member must satisfy regular expression pattern: " + patternText;
    }

    private String enumMessage() {
        return "Member must satisfy enum value set: [" + String.join(", ", enumValues) + "]";
    }
}
