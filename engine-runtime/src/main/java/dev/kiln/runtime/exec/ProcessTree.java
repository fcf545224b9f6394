package dev.kiln.runtime.exec;

import dev.kiln.runtime.store.ProcessRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signals a job's whole process tree. Jobs start in their own session ({@code setsid}), so the job's
 * pid is also its process-group id and one {@code kill -SIG -- -pgid} reaches every process the job
 * started, including those whose parent already exited; live descendants are signalled too, for
 * children that left the group.
 */
public final class ProcessTree {
    private static final Path SETSID = findSetsid();

    private ProcessTree() {}

    private static Path findSetsid() {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path p = Path.of(dir, "setsid");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** The command prefix that starts a process in a new session, or nothing where setsid is missing. */
    public static List<String> sessionPrefix() {
        return SETSID == null ? List.of() : List.of(SETSID.toString());
    }

    /** SIGTERM to the group and every descendant. */
    public static void terminate(ProcessRef ref) {
        signal(ref, "TERM");
    }

    /** SIGKILL to the group and every descendant. */
    public static void kill(ProcessRef ref) {
        signal(ref, "KILL");
    }

    private static void signal(ProcessRef ref, String sig) {
        List<ProcessHandle> descendants = new ArrayList<>();
        ref.live().ifPresent(h -> h.descendants().forEach(descendants::add));
        if (SETSID != null) {
            // Signal the group even when the leader already exited: its orphans still belong to it.
            run("kill", "-" + sig, "--", "-" + ref.pid());
        }
        ref.live().ifPresent(h -> send(h, sig));
        descendants.forEach(d -> send(d, sig));
    }

    private static void send(ProcessHandle h, String sig) {
        if (sig.equals("KILL")) {
            h.destroyForcibly();
        } else {
            h.destroy();
        }
    }

    /** True while any process of the group (or the leader) is alive. */
    public static boolean groupAlive(ProcessRef ref) {
        if (ref.isAlive()) {
            return true;
        }
        if (SETSID == null) {
            return false;
        }
        return run("kill", "-0", "--", "-" + ref.pid()) == 0;
    }

    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
