package dev.kiln.runtime.job;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs each job's supervisor on its own thread of this engine. */
final class InEngineLauncher implements JobLauncher {
    private final EngineContext engine;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kiln-job");
        t.setDaemon(true);
        return t;
    });

    InEngineLauncher(EngineContext engine) {
        this.engine = engine;
    }

    @Override
    public void launch(String jobName) {
        threads.execute(() -> new JobRunner(engine, jobName).run());
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
