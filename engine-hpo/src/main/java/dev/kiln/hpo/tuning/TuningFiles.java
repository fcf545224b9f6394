package dev.kiln.hpo.tuning;

import dev.kiln.runtime.config.KilnHome;
import java.nio.file.Path;

/** Where a tuning job's files live in the Kiln home: {@code tuning-jobs/<name>/} (log, report, orchestrator output). */
final class TuningFiles {
    private TuningFiles() {}

    static Path dir(KilnHome home, String name) {
        return home.root().resolve("tuning-jobs").resolve(name);
    }

    static Path report(KilnHome home, String name) {
        return dir(home, name).resolve("report.html");
    }

    static Path log(KilnHome home, String name) {
        return dir(home, name).resolve("tuning.log");
    }

    static Path orchestratorLog(KilnHome home, String name) {
        return dir(home, name).resolve("orchestrator.log");
    }
}
