package dev.kiln.containers.docker;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * The Docker executor's settings ({@code kiln.docker.*}), from the Kiln home's config.properties and
 * {@code -D} system properties (the latter win), as every other Kiln setting.
 *
 * @param host        engine address ({@code kiln.docker.host}, for example {@code unix:///run/user/1000/docker.sock}
 *                    or {@code tcp://host:2376}); null: DOCKER_HOST, the Docker context, the default socket
 * @param user        {@code kiln.docker.user}: {@code invoker} (default: the uid:gid running Kiln, so files the
 *                    container writes under the job directory belong to the user), {@code image} (the image's
 *                    USER, as SageMaker runs it) or an explicit {@code uid[:gid]}
 * @param cpuMode     {@code kiln.docker.cpus}: {@code quota} (default: NanoCpus, a CPU-time quota of the granted
 *                    threads on any CPU) or {@code cpuset} (pinned to CPUs 0..n-1)
 * @param shmBytes    {@code kiln.docker.shmBytes}: /dev/shm size; 0 (default) means half the memory limit, which is
 *                    what data loaders that share tensors through /dev/shm expect of an instance
 * @param pull        {@code kiln.docker.pull}: {@code auto} (default: pull a missing image when its registry
 *                    answers) or {@code never}
 * @param pullTimeout {@code kiln.docker.pullTimeoutSeconds} (default 1800)
 */
public record DockerSettings(String host, String user, CpuMode cpuMode, long shmBytes, boolean pull, Duration pullTimeout) {

    /** How the granted CPU threads are enforced. */
    public enum CpuMode { QUOTA, CPUSET }

    public static DockerSettings from(Map<String, String> raw) {
        String host = raw.get("kiln.docker.host");
        String cpus = raw.getOrDefault("kiln.docker.cpus", "quota").trim().toLowerCase(Locale.ROOT);
        if (!cpus.equals("quota") && !cpus.equals("cpuset")) {
            throw new IllegalArgumentException("kiln.docker.cpus must be quota or cpuset: " + cpus);
        }
        String pull = raw.getOrDefault("kiln.docker.pull", "auto").trim().toLowerCase(Locale.ROOT);
        if (!pull.equals("auto") && !pull.equals("never")) {
            throw new IllegalArgumentException("kiln.docker.pull must be auto or never: " + pull);
        }
        String user = raw.getOrDefault("kiln.docker.user", "invoker").trim();
        if (!user.equals("invoker") && !user.equals("image") && !user.matches("[0-9]+(:[0-9]+)?")) {
            throw new IllegalArgumentException("kiln.docker.user must be invoker, image or uid[:gid]: " + user);
        }
        return new DockerSettings(host == null || host.isBlank() ? null : host.trim(), user,
                cpus.equals("cpuset") ? CpuMode.CPUSET : CpuMode.QUOTA,
                Long.parseLong(raw.getOrDefault("kiln.docker.shmBytes", "0").trim()),
                pull.equals("auto"),
                Duration.ofSeconds(Long.parseLong(raw.getOrDefault("kiln.docker.pullTimeoutSeconds", "1800").trim())));
    }

    /** Settings from {@code -Dkiln.docker.*} alone (where no Kiln home is known). */
    public static DockerSettings fromSystemProperties() {
        Map<String, String> raw = new java.util.HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("kiln.docker."))
                .forEach(k -> raw.put(k, System.getProperty(k)));
        return from(raw);
    }
}
