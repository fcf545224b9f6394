package dev.kiln.hpo.tuning;

import dev.kiln.runtime.config.KilnHome;
import dev.kiln.runtime.job.TrainingJobService;
import dev.kiln.runtime.store.ProcessRef;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Orchestrators on threads of this engine (server, tests, and the detached tuning supervisor itself). */
final class InEngineOrchestrators implements OrchestratorLauncher {
    private final TrainingJobService training;
    private final TuningStore store;
    private final KilnHome home;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kiln-tuning");
        t.setDaemon(true);
        return t;
    });

    InEngineOrchestrators(TrainingJobService training, TuningStore store, KilnHome home) {
        this.training = training;
        this.store = store;
        this.home = home;
    }

    @Override
    public ProcessRef claim(TuningJobRecord job) {
        return ProcessRef.current();
    }

    @Override
    public void claimed(String name) {
        threads.execute(new TuningOrchestrator(training, store, home, name));
    }

    /** Interrupts the orchestrators; each hands its tuning job back so that another engine can resume it. */
    @Override
    public void close() {
        threads.shutdownNow();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
