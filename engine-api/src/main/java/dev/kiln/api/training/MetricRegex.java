package dev.kiln.api.training;

/**
 * MetricDefinition regexes are often written for Python's {@code re} (the SageMaker SDK's examples are);
 * Kiln runs them with java.util.regex. This maps the Python-only named-group syntax to Java's:
 * {@code (?P<name>...)} becomes {@code (?<name>...)} and {@code (?P=name)} becomes {@code \k<name>}.
 * Everything else both dialects read the same for metric scraping.
 */
public final class MetricRegex {
    private MetricRegex() {}

    public static String toJava(String regex) {
        if (regex == null || !regex.contains("(?P")) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length());
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                out.append(c).append(regex.charAt(++i)); // an escaped character is never a group opener
                continue;
            }
            if (regex.startsWith("(?P<", i)) {
                out.append("(?<");
                i += 3;
            } else if (regex.startsWith("(?P=", i)) {
                int close = regex.indexOf(')', i);
                if (close > 0) {
                    out.append("\\k<").append(regex, i + 4, close).append('>');
                    i = close;
                } else {
                    out.append(c);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
