package dev.kiln.runtime.job;

import dev.kiln.runtime.config.KilnConfig;
import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.store.JobStore;

/** Entry point of a detached job supervisor: {@code SupervisorMain <kiln-home> <job-name>}. */
public final class SupervisorMain {
    private SupervisorMain() {}

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: SupervisorMain <kiln-home> <job-name>");
            System.exit(2);
        }
        KilnHome home = new KilnHome(java.nio.file.Path.of(args[0]));
        KilnConfig config = KilnConfig.load(home);
        try (JobStore store = JobStore.open(home.database())) {
            new JobRunner(new EngineContext(home, config, store), args[1]).run();
        }
        System.exit(0);
    }
}
