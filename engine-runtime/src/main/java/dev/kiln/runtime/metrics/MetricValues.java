package dev.kiln.runtime.metrics;

/**
 * Reads a captured metric value the way Python's {@code float()} does: surrounding whitespace is
 * ignored, decimal and scientific notation are accepted, as are {@code nan}, {@code inf} and
 * {@code infinity} in any case. Anything else (empty text, {@code 1,5}, {@code 0x1p3}, Java's
 * {@code 1.0f} suffix) is not a number, and the service ignores such matches.
 */
final class MetricValues {
    private MetricValues() {}

    /** The value, or {@code null} when the text is not a number. */
    static Double parse(CharSequence captured) {
        if (captured == null) {
            return null;
        }
        int start = 0;
        int end = captured.length();
        while (start < end && Character.isWhitespace(captured.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(captured.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return null;
        }
        String text = captured.subSequence(start, end).toString();
        if (isDecimal(text)) {
            // Double.parseDouble accepts a superset of this grammar, so validated text never throws.
            return Double.parseDouble(text);
        }
        return special(text);
    }

    private static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (s.charAt(i) == '+' || s.charAt(i) == '-') {
            i++;
        }
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fractionDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fractionDigits++;
            }
        }
        if (intDigits + fractionDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static Double special(String s) {
        boolean negative = s.charAt(0) == '-';
        String body = (negative || s.charAt(0) == '+') ? s.substring(1) : s;
        if (body.equalsIgnoreCase("nan")) {
            return Double.NaN;
        }
        if (body.equalsIgnoreCase("inf") || body.equalsIgnoreCase("infinity")) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return null;
    }

    // Character.isDigit would accept other scripts' digits, which float() accepts but
    // Double.parseDouble does not; metric output is ASCII in practice.
    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
