package dev.kiln.server.tuning;

import dev.kiln.hpo.tuning.TuningJobService;
import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;

/** How the CLI opens the tuning engine, and the request rewrites its tuning commands offer. */
public final class TuningEngines {
    private TuningEngines() {}

    /** The engine for a CLI command: orchestrators run detached, so tuning jobs outlive the command. */
    public static TuningJobService open(KilnHome home) {
        return TuningJobService.open(home, KilnConfig.load(home), LaunchMode.DETACHED);
    }
}
