package dev.kiln.api.validation;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spots credentials in request values, as SageMaker does for HyperParameters and Environment: AWS
 * access key IDs, AWS secret access keys, PEM private keys, bearer tokens, and obvious password
 * assignments. It is a heuristic tuned against false positives on what jobs really pass (hex
 * digests, UUIDs, paths, S3 URIs, ordinary words); callers report the entry's name, never the value.
 */
public final class SecretDetector {

    /** What was found, with a phrase for messages. */
    public enum Kind {
        AWS_ACCESS_KEY_ID("an AWS access key ID"),
        AWS_SECRET_ACCESS_KEY("an AWS secret access key"),
        AWS_SESSION_TOKEN("an AWS session token"),
        PRIVATE_KEY("a private key"),
        BEARER_TOKEN("a bearer token"),
        PASSWORD("a password or secret");

        private final String description;

        Kind(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private static final Pattern ACCESS_KEY_ID = Pattern.compile("(?<![A-Z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])");
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----");
    private static final Pattern BEARER = Pattern.compile("(?i)(?<![A-Za-z0-9])bearer\\s+([A-Za-z0-9\\-._~+/]+=*)");
    /** Exactly 40 characters of the secret key alphabet, not part of a longer run; '=' may precede. */
    private static final Pattern FORTY = Pattern.compile("(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])");
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");
    private static final Pattern SECRET_CONTEXT = Pattern.compile(
            "(?i)secret|password|passwd|credential|private|token|api[_-]?key|access[_-]?key");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?i)(?<![A-Za-z0-9_])(password|passwd|secret|client_secret|secret_key|api_key|apikey|access_token|auth_token)"
                    + "\\s*[=:]\\s*[\"']?([^\\s\"'&;,]+)");
    private static final Pattern URL_PASSWORD = Pattern.compile("://[^/\\s:@]+:([^/\\s@]+)@");
    private static final Pattern NAME_SECRET_KEY = Pattern.compile("(?i)(^|[_.-])secret_?access_?key$");
    private static final Pattern NAME_SESSION_TOKEN = Pattern.compile("(?i)(^|[_.-])session_?token$");
    private static final Pattern NAME_PASSWORD = Pattern.compile("(?i)(^|[_.-])(password|passwd)$");

    /** Randomness (bits per character) above which a 40-character token reads as generated. */
    private static final double CONTEXT_ENTROPY = 4.0;
    private static final double STANDALONE_ENTROPY = 4.5;

    private SecretDetector() {}

    /** Looks at {@code value} alone. */
    public static Optional<Kind> detect(String value) {
        return detect(null, value);
    }

    /**
     * Looks at {@code value}, using the entry's {@code name} (a hyperparameter or variable name,
     * may be null) as context: {@code AWS_SECRET_ACCESS_KEY=...} is a secret where the same
     * characters under another name might not be.
     */
    public static Optional<Kind> detect(String name, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (ACCESS_KEY_ID.matcher(value).find()) {
            return Optional.of(Kind.AWS_ACCESS_KEY_ID);
        }
        if (PRIVATE_KEY.matcher(value).find()) {
            return Optional.of(Kind.PRIVATE_KEY);
        }
        if (hasSecretAccessKey(name, value)) {
            return Optional.of(Kind.AWS_SECRET_ACCESS_KEY);
        }
        Matcher bearer = BEARER.matcher(value);
        while (bearer.find()) {
            if (looksLikeToken(bearer.group(1))) {
                return Optional.of(Kind.BEARER_TOKEN);
            }
        }
        return byName(name, value).or(() -> assignment(value));
    }

    private static boolean hasSecretAccessKey(String name, String value) {
        Matcher m = FORTY.matcher(value);
        while (m.find()) {
            String token = m.group();
            if (token.startsWith("/") || token.contains("//") || HEX.matcher(token).matches()) {
                continue; // paths and hex digests (SHA-1 is 40 hex digits)
            }
            String before = value.substring(Math.max(0, m.start() - 40), m.start());
            boolean context = (name != null && SECRET_CONTEXT.matcher(name).find()) || SECRET_CONTEXT.matcher(before).find();
            int classes = classes(token);
            if (context && classes >= 2 && entropy(token) >= CONTEXT_ENTROPY) {
                return true;
            }
            if (classes == 3 && entropy(token) >= STANDALONE_ENTROPY) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Kind> byName(String name, String value) {
        if (name == null || placeholder(value.strip())) {
            return Optional.empty();
        }
        if (NAME_SECRET_KEY.matcher(name).find()) {
            return Optional.of(Kind.AWS_SECRET_ACCESS_KEY);
        }
        if (NAME_SESSION_TOKEN.matcher(name).find()) {
            return Optional.of(Kind.AWS_SESSION_TOKEN);
        }
        if (NAME_PASSWORD.matcher(name).find()) {
            return Optional.of(Kind.PASSWORD);
        }
        return Optional.empty();
    }

    private static Optional<Kind> assignment(String value) {
        Matcher m = ASSIGNMENT.matcher(value);
        while (m.find()) {
            if (!placeholder(m.group(2))) {
                return Optional.of(Kind.PASSWORD);
            }
        }
        Matcher url = URL_PASSWORD.matcher(value);
        while (url.find()) {
            if (!placeholder(url.group(1))) {
                return Optional.of(Kind.PASSWORD);
            }
        }
        return Optional.empty();
    }

    /** References and masks that stand for a secret without being one: {@code ${DB_PASS}}, {@code <pw>}, {@code ***}. */
    private static boolean placeholder(String v) {
        if (v.isEmpty()) {
            return true;
        }
        char first = v.charAt(0);
        if (first == '$' || first == '%' || first == '{' || first == '<' || first == '*') {
            return true;
        }
        String lower = v.toLowerCase(Locale.ROOT);
        return lower.equals("none") || lower.equals("null") || lower.equals("true") || lower.equals("false");
    }

    /** A bearer credential is long and not a plain word: it has a digit, or mixed case, or JWT dots. */
    private static boolean looksLikeToken(String t) {
        return t.length() >= 16 && (t.chars().anyMatch(Character::isDigit) || classes(t) >= 2 || t.indexOf('.') > 0);
    }

    /** How many of upper case, lower case and digits occur. */
    private static int classes(String s) {
        boolean upper = false;
        boolean lower = false;
        boolean digit = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            upper |= ch >= 'A' && ch <= 'Z';
            lower |= ch >= 'a' && ch <= 'z';
            digit |= ch >= '0' && ch <= '9';
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0);
    }

    /** Shannon entropy of the character distribution, in bits per character. */
    static double entropy(String s) {
        Map<Character, Integer> counts = new HashMap<>();
        for (int i = 0; i < s.length(); i++) {
            counts.merge(s.charAt(i), 1, Integer::sum);
        }
        double h = 0;
        for (int n : counts.values()) {
            double p = (double) n / s.length();
            h -= p * (Math.log(p) / Math.log(2));
        }
        return h;
    }
}
