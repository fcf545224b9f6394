package dev.kiln.hpo.tuning;

import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.LaunchMode;
import dev.kiln.runtime.job.TrainingJobService;
import java.nio.file.Path;

/**
 * Entry point of a detached tuning-job orchestrator: {@code TuningSupervisorMain <kiln-home> <tuning-job>}.
 * It runs the tuning job's loop on its main thread and the trials' supervisors on threads of this JVM,
 * and exits when the tuning job has ended (or when another process already orchestrates it).
 */
public final class TuningSupervisorMain {
    private TuningSupervisorMain() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: TuningSupervisorMain <kiln-home> <tuning-job-name>");
            System.exit(2);
        }
        KilnHome home = new KilnHome(Path.of(args[0]));
        KilnConfig config = KilnConfig.load(home);
        // Orphans of a crashed engine are resolved first with detached supervisors: a training job it
        // restarts must not depend on this JVM, which exits when its own tuning job ends.
        TrainingJobService.open(home, config, LaunchMode.DETACHED).close();
        try (TrainingJobService training = TrainingJobService.open(home, config, LaunchMode.IN_ENGINE)) {
            TuningJobService.orchestrateHere(training, args[1]);
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }
}
