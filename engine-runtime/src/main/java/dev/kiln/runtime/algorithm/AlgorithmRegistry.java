package dev.kiln.runtime.algorithm;

import dev.kiln.api.algorithm.Algorithm;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Finds built-in algorithms on the class path with ServiceLoader, by AlgorithmName. */
public final class AlgorithmRegistry {
    private AlgorithmRegistry() {}

    /**
     * The algorithm for an AlgorithmName: a plain name ({@code transe}) or an algorithm ARN, whose last
     * path segment is the name. Matching ignores case. A new instance each call.
     */
    public static Optional<Algorithm> find(String algorithmName) {
        String wanted = simpleName(algorithmName);
        for (Algorithm a : ServiceLoader.load(Algorithm.class)) {
            if (a.name().equalsIgnoreCase(wanted)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Names of every algorithm on the class path, sorted. */
    public static List<String> names() {
        TreeMap<String, Boolean> names = new TreeMap<>();
        ServiceLoader.load(Algorithm.class).forEach(a -> names.put(a.name(), true));
        return List.copyOf(names.keySet());
    }

    static String simpleName(String algorithmName) {
        String n = algorithmName.trim();
        if (n.startsWith("arn:")) {
            n = n.substring(n.lastIndexOf('/') + 1);
        }
        return n.toLowerCase(Locale.ROOT);
    }
}
