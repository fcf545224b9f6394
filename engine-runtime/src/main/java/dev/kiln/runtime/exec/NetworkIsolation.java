package dev.kiln.runtime.exec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * EnableNetworkIsolation for a local process: the program runs in a new network namespace
 * ({@code unshare --net}, with {@code --map-root-user} when Kiln is not root) that has only a loopback
 * interface, so it can reach nothing outside. Where unshare is missing or namespaces are not allowed,
 * {@link #prefix()} is empty and the job logs that isolation could not be applied.
 */
public final class NetworkIsolation {
    private static final Optional<List<String>> PREFIX = probe();

    private NetworkIsolation() {}

    /** The command prefix that isolates a program, if this machine allows it. */
    public static Optional<List<String>> prefix() {
        return PREFIX;
    }

    private static Optional<List<String>> probe() {
        Path unshare = Path.of("/usr/bin/unshare");
        if (!Files.isExecutable(unshare)) {
            return Optional.empty();
        }
        for (List<String> flags : List.of(List.of("--net"), List.of("--net", "--map-root-user"))) {
            List<String> cmd = new ArrayList<>(List.of(unshare.toString()));
            cmd.addAll(flags);
            cmd.add("true");
            if (run(cmd)) {
                List<String> prefix = new ArrayList<>(cmd.subList(0, cmd.size() - 1));
                // Bring loopback up inside the namespace (as a container has it), then become the program.
                prefix.addAll(List.of("--", "/bin/sh", "-c", "ip link set lo up 2>/dev/null; exec \"$0\" \"$@\""));
                return Optional.of(List.copyOf(prefix));
            }
        }
        return Optional.empty();
    }

    private static boolean run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }
}
