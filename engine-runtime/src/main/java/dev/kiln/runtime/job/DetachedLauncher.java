package dev.kiln.runtime.job;

import dev.kiln.runtime.exec.ProcessTree;
import dev.kiln.runtime.store.ProcessRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@link SupervisorMain} for each job in a new session, so it survives the CLI that created the
 * job (and a Ctrl-C in its terminal). The supervisor's own diagnostics go to {@code jobs/<name>/supervisor.log}.
 */
final class DetachedLauncher implements JobLauncher {
    private final EngineContext engine;

    DetachedLauncher(EngineContext engine) {
        this.engine = engine;
    }

    @Override
    public void launch(String jobName) {
        Path jobDir = engine.home().jobDir(jobName);
        try {
            Files.createDirectories(jobDir);
            List<String> cmd = new ArrayList<>(ProcessTree.sessionPrefix());
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-XX:TieredStopAtLevel=1");
            cmd.addAll(SupervisorClassArchive.jvmOptions(engine.home().cacheDir()));
            for (var e : engine.config().raw().entrySet()) {
                cmd.add("-D" + e.getKey() + "=" + e.getValue());
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(SupervisorMain.class.getName());
            cmd.add(engine.home().root().toString());
            cmd.add(jobName);
            Process p = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(jobDir.resolve("supervisor.log").toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            ProcessRef ref = ProcessRef.of(p.toHandle());
            engine.store().update(jobName, r -> r.supervisor() == null && !r.isTerminal() ? r.withSupervisor(ref) : r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the supervisor of " + jobName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // Detached supervisors outlive this engine by design.
    }
}
