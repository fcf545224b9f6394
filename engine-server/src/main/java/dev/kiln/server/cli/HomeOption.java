package dev.kiln.server.cli;

import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.job.TrainingJobService;
import picocli.CommandLine.Option;

/** {@code --home DIR}, shared by every command. */
final class HomeOption {
    @Option(names = "--home", paramLabel = "DIR",
            description = "Kiln home: job records, jobs and the local object store (default: $KILN_HOME or ~/.kiln)")
    String home;

    KilnHome resolve() {
        return KilnHome.resolve(home);
    }

    /** Opens the engine; CLI commands start jobs in detached supervisors so they outlive the command. */
    TrainingJobService open() {
        KilnHome h = resolve();
        return TrainingJobService.open(h, KilnConfig.load(h), LaunchMode.DETACHED);
    }
}
