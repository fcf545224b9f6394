package dev.kiln.hpo.tuning;

import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.exec.ProcessTree;
import dev.kiln.runtime.store.ProcessRef;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts {@link TuningSupervisorMain} in a new session for each tuning job, so the tuning job outlives
 * the CLI that created it (and a Ctrl-C in its terminal). The trials run in-engine in that JVM; its
 * own output goes to {@code tuning-jobs/<name>/orchestrator.log}.
 */
final class DetachedOrchestrators implements OrchestratorLauncher {
    private final KilnHome home;
    private final KilnConfig config;

    DetachedOrchestrators(KilnHome home, KilnConfig config) {
        this.home = home;
        this.config = config;
    }

    @Override
    public ProcessRef claim(TuningJobRecord job) {
        Path log = TuningFiles.orchestratorLog(home, job.name());
        try {
            Files.createDirectories(log.getParent());
            List<String> cmd = new ArrayList<>(ProcessTree.sessionPrefix());
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.add("-XX:+UseSerialGC");
            cmd.add("-XX:TieredStopAtLevel=1");
            for (var e : config.raw().entrySet()) {
                cmd.add("-D" + e.getKey() + "=" + e.getValue());
            }
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(TuningSupervisorMain.class.getName());
            cmd.add(home.root().toString());
            cmd.add(job.name());
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return ProcessRef.of(p.toHandle());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the orchestrator of tuning job " + job.name(), e);
        }
    }

    @Override
    public void claimed(String name) {
        // the supervisor is already on its way
    }

    @Override
    public void close() {
        // detached orchestrators outlive this engine by design
    }
}
