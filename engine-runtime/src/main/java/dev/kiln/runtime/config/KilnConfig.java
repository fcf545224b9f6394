package dev.kiln.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Engine settings, read from {@code $KILN_HOME/config.properties} and overridden by {@code -Dkiln.*}
 * system properties. Every key and its default is listed in docs/configuration.md.
 *
 * @param stopGrace          time between SIGTERM and SIGKILL on stop or MaxRuntime (the cloud gives 120 s)
 * @param strictInstances    reject instance types larger than this machine with ResourceLimitExceeded
 * @param linkInputFiles     File mode hard-links objects instead of copying when the file system allows it
 * @param region             region used in ARNs
 * @param accountId          12-digit account used in ARNs
 * @param inThreadAlgorithms run in-process algorithms on a thread of the engine instead of a child JVM (tests)
 * @param hostOverrides      {@code kiln.host.*} caps on the detected machine (cpus, memory, gpus)
 * @param raw                every {@code kiln.*} setting as read
 */
public record KilnConfig(
        Duration stopGrace,
        boolean strictInstances,
        boolean linkInputFiles,
        String region,
        String accountId,
        boolean inThreadAlgorithms,
        Map<String, String> hostOverrides,
        Map<String, String> raw) {

    public static final Duration CLOUD_STOP_GRACE = Duration.ofSeconds(120);

    public KilnConfig {
        hostOverrides = Map.copyOf(hostOverrides);
        raw = Map.copyOf(raw);
        if (!accountId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("kiln.accountId must be 12 digits: " + accountId);
        }
    }

    public static KilnConfig defaults() {
        return fromMap(Map.of());
    }

    /** Loads the home's config file (if any) with system properties on top. */
    public static KilnConfig load(KilnHome home) {
        Map<String, String> values = new HashMap<>();
        if (Files.isRegularFile(home.configFile())) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(home.configFile())) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + home.configFile(), e);
            }
            p.stringPropertyNames().forEach(k -> values.put(k, p.getProperty(k).trim()));
        }
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("kiln."))
                .forEach(k -> values.put(k, System.getProperty(k).trim()));
        return fromMap(values);
    }

    public static KilnConfig fromMap(Map<String, String> v) {
        Map<String, String> host = new HashMap<>();
        v.forEach((k, val) -> {
            if (k.startsWith("kiln.host.")) {
                host.put(k, val);
            }
        });
        String region = v.getOrDefault("kiln.region",
                System.getenv().getOrDefault("AWS_REGION", System.getenv().getOrDefault("AWS_DEFAULT_REGION", "us-east-1")));
        return new KilnConfig(
                Duration.ofMillis(Math.round(Double.parseDouble(v.getOrDefault("kiln.stop.graceSeconds", "120")) * 1000)),
                Boolean.parseBoolean(v.getOrDefault("kiln.instance.strict", "false")),
                Boolean.parseBoolean(v.getOrDefault("kiln.input.linkFiles", "false")),
                region,
                v.getOrDefault("kiln.accountId", "000000000000"),
                Boolean.parseBoolean(v.getOrDefault("kiln.algorithms.inThread", "false")),
                host,
                v);
    }

    public KilnConfig withStopGrace(Duration grace) {
        return new KilnConfig(grace, strictInstances, linkInputFiles, region, accountId, inThreadAlgorithms, hostOverrides, raw);
    }

    public KilnConfig withInThreadAlgorithms(boolean inThread) {
        return new KilnConfig(stopGrace, strictInstances, linkInputFiles, region, accountId, inThread, hostOverrides, raw);
    }

    public KilnConfig withStrictInstances(boolean strict) {
        return new KilnConfig(stopGrace, strict, linkInputFiles, region, accountId, inThreadAlgorithms, hostOverrides, raw);
    }

    public KilnConfig withHostOverrides(Map<String, String> overrides) {
        return new KilnConfig(stopGrace, strictInstances, linkInputFiles, region, accountId, inThreadAlgorithms, overrides, raw);
    }
}
