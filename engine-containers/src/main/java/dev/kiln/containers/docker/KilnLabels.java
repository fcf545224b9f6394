package dev.kiln.containers.docker;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The labels and names Kiln gives its containers and networks. The home label lets an engine find
 * its own leftovers without touching those of another Kiln home (or anything else on the engine).
 */
public final class KilnLabels {
    /** The absolute Kiln home that ran the job. */
    public static final String HOME = "dev.kiln.home";
    /** The training job. */
    public static final String JOB = "dev.kiln.job";
    /** The host within the job ({@code algo-1} ...). */
    public static final String HOST = "dev.kiln.host";
    /** Present on containers kept for debugging (kiln.docker.keepContainers): orphan cleanup leaves them. */
    public static final String KEEP = "dev.kiln.keep";

    private KilnLabels() {}

    public static String home(Path kilnHome) {
        return kilnHome.toAbsolutePath().normalize().toString();
    }

    /** A short tag of the home, so two homes running a job of the same name do not clash on names. */
    static String homeTag(Path kilnHome) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(home(kilnHome).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String containerName(Path kilnHome, String job, String host) {
        return "kiln-" + homeTag(kilnHome) + "-" + job + "-" + host;
    }

    public static String networkName(Path kilnHome, String job) {
        return "kiln-" + homeTag(kilnHome) + "-" + job;
    }
}
