package dev.kiln.bench.gnn;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The benchmark mains' command line: {@code --name value} pairs (a trailing flag without a value is ignored),
 * and a {@code --hp name=value,...} list of hyperparameters.
 */
final class BenchArgs {
    private final Map<String, String> opt = new HashMap<>();

    private BenchArgs(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
    }

    static BenchArgs parse(String[] args) {
        return new BenchArgs(args);
    }

    String string(String name, String fallback) {
        return opt.getOrDefault(name, fallback);
    }

    Path path(String name, String fallback) {
        return Path.of(string(name, fallback));
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(string(name, Integer.toString(fallback)));
    }

    /** The {@code --hp} pairs in the order given (empty without the flag); every comma starts a new pair. */
    Map<String, String> hyperparameters() {
        return hyperparameters(",");
    }

    /**
     * As {@link #hyperparameters()}, but a comma starts a new pair only before a lower-case name and {@code =}, so
     * list values stay whole: {@code fanout=10,5,num-epochs=3} is two pairs.
     */
    Map<String, String> hyperparametersWithLists() {
        return hyperparameters(",(?=[a-z][a-z-]*=)");
    }

    private Map<String, String> hyperparameters(String separator) {
        Map<String, String> hp = new LinkedHashMap<>();
        if (opt.containsKey("hp")) {
            for (String kv : opt.get("hp").split(separator)) {
                String[] p = kv.split("=", 2);
                hp.put(p[0], p[1]);
            }
        }
        return hp;
    }
}
